import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeConfigAs } from '../../../tools/test/kube';
import { until } from '../../../tools/test/until';
import { buildGraph } from '../../graph/build-graph';
import { missingFromGraph } from '../../graph/gateway-api/corpus-expectations';
import { corpusSnapshot, gatewayApiCorpus } from '../../graph/gateway-api/corpus-snapshot';
import { applyManifests, type Manifest } from '../../kube/apply-manifests';
import { keyOf } from '../../mesh/object-key';
import { toManifest } from '../../mesh/parse';
import type { MeshObject, MeshSnapshot } from '../../mesh/types';
import type { MeshStore } from '../types';
import { createKubeStore } from './kube-store';

// The Gateway API corpus through the kube backend: each file (with the files it refers to)
// applied into namespaces of its own on the local API server — its namespaces renamed, every
// reference to them with them, so alternative versions of one example never meet — then read
// back by the kube store and drawn: every route, Gateway and backendRef edge with its share.
const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
const { folder, present, files } = gatewayApiCorpus(repoRoot);
if (!present) console.warn(`Gateway API corpus (kube) skipped: no corpus at ${folder} (set WEIR_CORPUS)`);

const run = Math.random().toString(16).slice(2, 6);

/** The file's snapshot with every namespace renamed for this file (`''` → the file's own). */
function renamed(
  file: string,
  index: number,
): { snapshot: MeshSnapshot; manifests: Manifest[]; namespaces: string[] } {
  const source = corpusSnapshot(folder, files, file);
  const rename = (namespace: string) => `gwc-${run}-${index}${namespace ? `-${namespace}` : ''}`.slice(0, 63);
  const deep = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((item) => deep(item));
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deep(v, k)]));
    return key === 'namespace' && typeof value === 'string' ? rename(value) : value;
  };
  const namespaces = new Set<string>([rename('')]);
  const objects: MeshSnapshot['objects'] = {};
  const manifests: Manifest[] = [];
  for (const object of Object.values(source.objects) as MeshObject[]) {
    const { source: _where, ...rest } = object;
    const moved = deep(rest) as MeshObject;
    if (moved.kind === 'Namespace') moved.metadata = { ...moved.metadata, name: rename(moved.metadata.name) };
    else if (moved.kind === 'GatewayClass')
      continue; // cluster-scoped, and shared by the examples: drawn by no stage
    else moved.metadata = { ...moved.metadata, namespace: moved.metadata.namespace ?? rename('') };
    namespaces.add(moved.kind === 'Namespace' ? moved.metadata.name : (moved.metadata.namespace as string));
    objects[keyOf(moved)] = moved;
    manifests.push(toManifest(moved) as unknown as Manifest);
  }
  return { snapshot: { ...source, objects }, manifests, namespaces: [...namespaces] };
}

describe.skipIf(!present)('the Gateway API corpus through the kube backend', () => {
  let store: MeshStore;
  const applied = files.map((file, index) => ({ file, ...renamed(file, index) }));

  beforeAll(async () => {
    const admin = kubeConfigAs('admin');
    for (const { manifests, namespaces } of applied) {
      const own = namespaces.filter(
        (ns) => !manifests.some((m) => m.kind === 'Namespace' && m.metadata.name === ns),
      );
      await applyManifests(admin, [
        ...own.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })),
        ...manifests.filter((m) => m.kind === 'Namespace'),
      ]);
      await applyManifests(
        admin,
        manifests.filter((m) => m.kind !== 'Namespace'),
      );
    }
    store = createKubeStore({ kc: kubeConfigAs('auditor') });
    await store.start();
  }, 300_000);
  afterAll(() => store?.stop());

  it.each(applied.map((entry) => [entry.file, entry] as const))(
    '%s',
    async (_file, { snapshot, namespaces }) => {
      const keys = Object.keys(snapshot.objects);
      await until('the file’s objects in the store', () =>
        keys.every((key) => store.snapshot().objects[key]),
      );
      const read = store.snapshot(namespaces);
      const drawn: MeshSnapshot = {
        ...read,
        objects: Object.fromEntries(
          keys.map((key) => [key, read.objects[key] ?? snapshot.objects[key]]) as never,
        ),
      };
      // What the API server holds, read back through the store: the same objects the files drew.
      for (const key of keys) expect(read.objects[key], key).toBeDefined();
      expect(missingFromGraph(drawn, buildGraph(read))).toEqual([]);
    },
  );
});
