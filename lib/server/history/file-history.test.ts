import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MeshObject, VirtualService } from '@/lib/mesh/types';
import { createFilesStore } from '@/lib/store/files';
import { tempFolder } from '@/lib/store/files/test-folder';
import type { MeshStore } from '@/lib/store/types';
import { until } from '../../../tools/test/until';
import { createFileHistory, HISTORY_FILE } from './file-history';
import { HistoryRecorder } from './recorder';

const vsYaml = (weights: [number, number]) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: catalog
  namespace: shop
spec:
  hosts: [catalog]
  http:
    - route:
        - destination: { host: catalog, subset: v1 }
          weight: ${weights[0]}
        - destination: { host: catalog, subset: v2 }
          weight: ${weights[1]}
`;

describe('history in a folder of manifests', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  const open = async () => {
    const temp = await tempFolder({ 'catalog.yaml': vsYaml([90, 10]) });
    const store: MeshStore = createFilesStore({ folder: temp.folder, debounceMs: 5 });
    await store.start();
    const recorder = new HistoryRecorder(store, createFileHistory(temp.folder), 'files');
    recorder.start();
    cleanups.push(async () => {
      recorder.stop();
      await store.stop();
      await temp.cleanup();
    });
    return { temp, store, recorder };
  };

  it('appends an edit made on disk as an outside change, one JSON line each', async () => {
    const { temp, recorder } = await open();
    await temp.write('catalog.yaml', vsYaml([50, 50]));
    const [entry] = await until('the change in the file recorded', async () => {
      const entries = await recorder.history.list({});
      return entries.length > 0 ? entries : undefined;
    });
    expect(entry).toMatchObject({
      source: 'external',
      user: 'edited on disk',
      summary: 'catalog http[0]: v1 90% → 50%, v2 10% → 50%',
    });
    const lines = (await readFile(join(temp.folder, HISTORY_FILE), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string).object).toEqual({
      kind: 'VirtualService',
      namespace: 'shop',
      name: 'catalog',
    });
  });

  it("does not take Weir's own write for an outside change", async () => {
    const { store, recorder } = await open();
    const held = store.get({ kind: 'VirtualService', namespace: 'shop', name: 'catalog' }) as VirtualService;
    const next = structuredClone(held);
    const route = next.spec.http?.[0]?.route ?? [];
    if (route[0]) route[0].weight = 70;
    if (route[1]) route[1].weight = 30;
    await recorder.ownWrite('VirtualService/shop/catalog', () => store.update(next as MeshObject));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await recorder.history.list({})).toEqual([]);
  });

  it('skips a line it cannot read and keeps the rest, newest first', async () => {
    const temp = await tempFolder();
    cleanups.push(temp.cleanup);
    const history = createFileHistory(temp.folder);
    const base = {
      object: { kind: 'VirtualService' as const, namespace: 'shop', name: 'catalog' },
      user: 'u',
      source: 'weir' as const,
      routes: [],
    };
    await history.record({ ...base, time: '2026-01-01T10:00:00Z', summary: 'first' });
    await temp.write(HISTORY_FILE, `${await temp.read(HISTORY_FILE)}{"torn": \n`);
    await history.record({ ...base, time: '2026-01-01T11:00:00Z', summary: 'second' });
    expect((await history.list({})).map((e) => e.summary)).toEqual(['second', 'first']);
    expect((await history.list({ from: '2026-01-01T10:30:00Z' })).map((e) => e.summary)).toEqual(['second']);
    expect(await history.list({ name: 'other' })).toEqual([]);
  });
});
