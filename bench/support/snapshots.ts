// The meshes the in-process benches run over, as snapshots: the bundled demo and the generated
// mesh of bench/scale.ts (built in memory, no API server).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseObject } from '../../lib/mesh/parse';
import type { MeshSnapshot } from '../../lib/mesh/types';
import { snapshotFromYaml } from '../../lib/validate/yaml-fixtures';
import { scaleManifests } from './scale-mesh';
import { benchSnapshot } from './synthetic-mesh';

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
  return benchSnapshot(
    scaleManifests(size)
      .flat()
      .flatMap((manifest) => parseObject(manifest) ?? []),
  );
}
