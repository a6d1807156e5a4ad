// The meshes the in-process benches run over, as snapshots: the bundled demo and the generated
// mesh of bench/scale.ts (built in memory, no API server).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { keyOf } from '../../lib/mesh/object-key';
import { parseObject } from '../../lib/mesh/parse';
import type { MeshSnapshot } from '../../lib/mesh/types';
import { snapshotFromYaml } from '../../lib/validate/yaml-fixtures';
import { scaleManifests } from './scale-mesh';

/** demo/mesh as the files backend reads it. */
export function demoSnapshot(): MeshSnapshot {
  const dir = fileURLToPath(new URL('../../demo/mesh', import.meta.url));
  return snapshotFromYaml(
    readdirSync(dir)
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => ({ file: name, text: readFileSync(path.join(dir, name), 'utf8') })),
  );
}

/** bench/scale.ts's mesh of `size` VirtualServices (20 per namespace). */
export function scaleSnapshot(size: number): MeshSnapshot {
  const objects = scaleManifests(size)
    .flat()
    .flatMap((manifest) => parseObject(manifest) ?? []);
  return {
    sequence: 1,
    objects: Object.fromEntries(objects.map((object) => [keyOf(object), object])),
    sync: {
      backend: 'files',
      source: 'bench',
      demo: false,
      synced: true,
      syncedAt: new Date(0).toISOString(),
    },
  };
}
