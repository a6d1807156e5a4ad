import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_FILE } from '../history/file-history';
import { getStore } from '../store';
import { send, useDemoFolder } from './attack-kit';

describe('a write of what is already there is no change (item 15)', () => {
  let demo: Awaited<ReturnType<typeof useDemoFolder>>;
  beforeAll(async () => {
    demo = await useDemoFolder();
  });
  afterAll(() => demo.cleanup());

  const ref = { kind: 'VirtualService', namespace: 'shop', name: 'catalog' } as const;
  const weights = async (values: number[]) => {
    const { store } = await getStore();
    const resourceVersion = store.get(ref)?.metadata.resourceVersion ?? '';
    const body = {
      change: { kind: 'SetWeights', target: ref, routeKind: 'http', routeIndex: 0, weights: values },
      resourceVersion,
    };
    return send('/api/changes', JSON.stringify(body));
  };
  const entries = async () =>
    (await readFile(join(demo.folder, HISTORY_FILE), 'utf8').catch(() => '')).split('\n').filter(Boolean);

  it('the same weights twice: one write, one history entry; the second answers unchanged', async () => {
    const first = await weights([70, 30]);
    expect(first.status).toBe(200);
    const manifest = await readFile(join(demo.folder, '40-shop-routing.yaml'), 'utf8');
    expect(await entries()).toHaveLength(1);

    const again = await weights([70, 30]);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ unchanged: true });
    expect(await entries()).toHaveLength(1);
    expect(await readFile(join(demo.folder, '40-shop-routing.yaml'), 'utf8')).toBe(manifest);
  });
});
