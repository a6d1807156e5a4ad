import { describe, expect, it } from 'vitest';
import { scaleManifests } from '../../bench/support/scale-mesh';
import { buildGraph } from '../graph/build-graph';
import { layoutGraph, nodeSize } from '../graph/layout';
import { parseObject } from '../mesh/parse';
import type { MeshSnapshot, StoredObject } from '../mesh/types';
import { EventLog } from '../store/event-log';
import { validate } from '../validate';
import { firstLayout } from './first-layout';

function mesh(): MeshSnapshot {
  const log = new EventLog({ backend: 'files', source: 'test', demo: false });
  for (const manifest of scaleManifests(60).flat()) log.put(parseObject(manifest) as StoredObject);
  return log.snapshot(['team-1']);
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
