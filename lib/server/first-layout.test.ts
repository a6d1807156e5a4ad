import { describe, expect, it } from 'vitest';
import { scaleManifests } from '../../bench/support/scale-mesh';
import { until } from '../../tools/test/until';
import { buildGraph } from '../graph/build-graph';
import { layoutGraph, nodeSize } from '../graph/layout';
import { parseObject } from '../mesh/parse';
import type { MeshSnapshot, StoredObject } from '../mesh/types';
import { EventLog } from '../store/event-log';
import { validate } from '../validate';
import { elkQueued } from './elk-thread';
import { firstLayout } from './first-layout';

function mesh(size = 60, namespaces = ['team-1']): MeshSnapshot {
  const log = new EventLog({ backend: 'files', source: 'test', demo: false });
  for (const manifest of scaleManifests(size).flat()) log.put(parseObject(manifest) as StoredObject);
  return log.snapshot(namespaces);
}

describe('firstLayout', () => {
  it("places every node of the view where the browser's own layout of it would", async () => {
    const view = mesh();
    const laid = await firstLayout(view, ['team-1'], 'team-1', 120_000);
    const graph = buildGraph(view, validate(view), { namespaces: ['team-1'] });
    expect(laid?.view).toBe('team-1');
    expect(Object.keys(laid?.positions ?? {}).sort()).toEqual(graph.nodes.map((node) => node.id).sort());
    expect(laid?.positions).toEqual(await layoutGraph(graph, nodeSize));
  }, 180_000);

  it('answers nothing for an empty view, and nothing past its wait (the page lays out itself)', async () => {
    const view = mesh();
    expect(await firstLayout(view, ['nowhere'], 'nowhere')).toBeUndefined();
    // A view not laid out before, with no time to wait.
    expect(await firstLayout(view, ['team-2'], 'team-2', 0)).toBeUndefined();
  }, 180_000);
});

describe('firstLayout under many views at once', () => {
  it('queues at most two layouts; the rest are left to their pages, and a queued one is kept', async () => {
    const namespaces = Array.from({ length: 8 }, (_, i) => `team-${i + 3}`);
    const view = mesh(240, namespaces);
    // The layouts the tests above left queued are done first.
    await until('elk idle', () => elkQueued() === 0, { timeoutMs: 120_000 });
    const calls = namespaces.map((ns) => firstLayout(view, [ns], ns, 0));
    // Two sent to elk's thread; the other six were never sent (without the bound: eight).
    expect(elkQueued()).toBe(2);
    expect(await Promise.all(calls)).toEqual(namespaces.map(() => undefined));
    await until('the two layouts', () => elkQueued() === 0, { timeoutMs: 120_000 });
    // The first view's layout, queued and finished meanwhile, is kept for its next page.
    expect(await firstLayout(view, [namespaces[0] as string], 'again', 0)).toMatchObject({ view: 'again' });
  }, 180_000);
});
