import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COLUMNS, layoutGraph, nodeSize, type XY } from './layout';
import type { GraphEdge, GraphNode, GraphNodeKind, MeshGraph } from './types';

const node = (id: string, kind: GraphNodeKind, lines: number, extra: Partial<GraphNode> = {}): GraphNode => ({
  id,
  kind,
  namespace: 'shop',
  label: id,
  details: Array.from({ length: lines }, (_, i) => `line ${i}`),
  problems: [],
  ...extra,
});

const edge = (source: string, target: string, index: number): GraphEdge => ({
  id: `e${index}`,
  source,
  target,
  kind: 'route',
  problems: [],
});

/** VirtualServices with their routes, nodes of every kind, and edges between any of them. */
const graphs = fc
  .record({
    services: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 4 }),
    others: fc.array(fc.record({ kind: fc.constantFrom(...COLUMNS), lines: fc.nat(3) }), { maxLength: 16 }),
    links: fc.array(fc.tuple(fc.nat(60), fc.nat(60)), { maxLength: 30 }),
  })
  .map(({ services, others, links }): MeshGraph => {
    const nodes: GraphNode[] = [];
    const edges: GraphEdge[] = [];
    services.forEach((routes, s) => {
      const ref = { kind: 'VirtualService' as const, namespace: 'shop', name: `vs${s}` };
      nodes.push(node(`vs:shop/vs${s}`, 'virtualService', 1, { ref }));
      for (let r = 0; r < routes; r++) {
        const id = `route:shop/vs${s}/http/${r}`;
        const route = { ref, routeKind: 'http' as const, routeIndex: r };
        nodes.push(node(id, 'route', r % 3, { ref, path: `spec.http[${r}]`, route }));
        edges.push(edge(`vs:shop/vs${s}`, id, edges.length));
      }
    });
    others.forEach(({ kind, lines }, i) => {
      nodes.push(node(`${kind}:${i}`, kind, lines));
    });
    for (const [a, b] of links) {
      const source = nodes[a % Math.max(nodes.length, 1)];
      const target = nodes[b % Math.max(nodes.length, 1)];
      if (source && target) edges.push(edge(source.id, target.id, edges.length));
    }
    return { nodes, edges };
  });

function overlaps(graph: MeshGraph, positions: Record<string, XY>): string[] {
  const boxes = graph.nodes.map((n) => ({ id: n.id, ...(positions[n.id] as XY), ...nodeSize(n) }));
  const found: string[] = [];
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      const apart =
        a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      if (!apart) found.push(`${a.id} overlaps ${b.id}`);
    }
  }
  return found;
}

function expectRules(graph: MeshGraph, positions: Record<string, XY>) {
  for (const n of graph.nodes) {
    expect(Number.isFinite(positions[n.id]?.x) && Number.isFinite(positions[n.id]?.y)).toBe(true);
  }
  expect(overlaps(graph, positions)).toEqual([]);
}

describe('layoutGraph on random graphs', () => {
  it('places every node without overlap, one column per kind left to right, routes in order', async () => {
    await fc.assert(
      fc.asyncProperty(graphs, async (graph) => {
        const positions = await layoutGraph(graph, nodeSize);
        expectRules(graph, positions);
        const xs = COLUMNS.map(
          (kind) => new Set(graph.nodes.filter((n) => n.kind === kind).map((n) => positions[n.id]?.x)),
        );
        for (const x of xs) expect(x.size).toBeLessThanOrEqual(1);
        const columnX = xs.flatMap((x) => [...x]) as number[];
        expect(columnX).toEqual([...columnX].sort((a, b) => a - b));
        expect(new Set(columnX).size).toBe(columnX.length);
        const routeYs = new Map<string, number[]>();
        for (const n of graph.nodes.filter((n) => n.kind === 'route' && n.ref)) {
          const list = routeYs.get(n.ref?.name ?? '') ?? [];
          list[Number(n.id.split('/').pop())] = positions[n.id]?.y ?? Number.NaN;
          routeYs.set(n.ref?.name ?? '', list);
        }
        for (const ys of routeYs.values()) expect(ys).toEqual([...ys].sort((a, b) => a - b));
      }),
      { numRuns: 60 },
    );
  }, 30_000);

  it('keeps placed nodes exactly and puts the new ones where they overlap nothing', async () => {
    await fc.assert(
      fc.asyncProperty(graphs, fc.array(fc.boolean(), { maxLength: 40 }), async (graph, keep) => {
        const first = await layoutGraph(graph, nodeSize);
        const previous = Object.fromEntries(
          graph.nodes.filter((_, i) => keep[i] ?? true).map((n) => [n.id, first[n.id] as XY]),
        );
        const positions = await layoutGraph(graph, nodeSize, previous);
        for (const [id, at] of Object.entries(previous)) expect(positions[id]).toEqual(at);
        expectRules(graph, positions);
      }),
      { numRuns: 60 },
    );
  }, 30_000);
});
