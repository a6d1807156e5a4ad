import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode, MeshGraph, WeightData } from '@/lib/graph/types';
import {
  drawnWeights,
  routeShares,
  sameApartFromShare,
  toFlowEdges,
  toFlowNodes,
  weightLabelSlots,
} from './to-flow';

function node(id: string, label = id): GraphNode {
  return { id, kind: 'route', namespace: 'shop', label, details: ['uri prefix /api'], problems: [] };
}

const graph: MeshGraph = {
  nodes: [node('a'), node('b'), node('c')],
  edges: [
    { id: 'a->b', source: 'a', target: 'b', kind: 'subset', problems: [] },
    { id: 'b->c', source: 'b', target: 'c', kind: 'workload', problems: [] },
  ],
};
const positions = new Map([
  ['a', { x: 0, y: 0 }],
  ['b', { x: 300, y: 0 }],
]);
const size = () => ({ width: 200, height: 60 });

describe('toFlowNodes', () => {
  it('draws only placed nodes, with their size and selection', () => {
    const nodes = toFlowNodes(graph, positions, size, new Set(), 'b', []);
    expect(nodes.map((n) => [n.id, n.type, n.width, n.selected])).toEqual([
      ['a', 'route', 200, false],
      ['b', 'route', 200, true],
    ]);
  });

  it('answers the previous list itself when nothing changed (React and React Flow then skip it)', () => {
    const first = toFlowNodes(graph, positions, size, new Set(), undefined, []);
    expect(toFlowNodes({ ...graph }, positions, size, new Set(), undefined, first)).toBe(first);
    const edges = toFlowEdges(graph, positions, undefined, []);
    expect(toFlowEdges({ ...graph }, positions, undefined, edges)).toBe(edges);
    const moved = new Map([...positions, ['c', { x: 600, y: 0 }]]);
    expect(toFlowNodes(graph, moved, size, new Set(), undefined, first)).not.toBe(first);
  });

  it('reuses unchanged nodes and replaces changed ones, keeping what React Flow measured', () => {
    const first = toFlowNodes(graph, positions, size, new Set(), undefined, []).map((n) => ({
      ...n,
      measured: { width: 200, height: 60 },
    }));
    const changed: MeshGraph = { ...graph, nodes: [{ ...node('a') }, node('b', 'renamed'), node('c')] };
    const second = toFlowNodes(changed, positions, size, new Set(), undefined, first);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]?.data.node.label).toBe('renamed');
    expect(second[1]?.measured).toEqual({ width: 200, height: 60 });
  });

  it('draws a collapsed namespace with its own type', () => {
    const nodes = toFlowNodes(graph, positions, size, new Set(['a']), undefined, []);
    expect(nodes[0]?.type).toBe('collapsed');
  });
});

describe('toFlowEdges', () => {
  it('leaves out edges to nodes not placed and reuses unchanged edges', () => {
    const first = toFlowEdges(graph, positions, undefined, []);
    expect(first.map((e) => [e.id, e.type])).toEqual([['a->b', 'plain']]);
    expect(toFlowEdges(graph, positions, undefined, first)[0]).toBe(first[0]);
    expect(toFlowEdges(graph, positions, 'a->b', first)[0]?.selected).toBe(true);
  });
});

describe('weightLabelSlots', () => {
  it('stacks the labels of routes converging on one destination in the order of the routes', () => {
    const weight = (id: string, source: string, target: string): GraphEdge => ({
      id,
      source,
      target,
      kind: 'weight',
      problems: [],
    });
    const slots = weightLabelSlots(
      [weight('low', 'r2', 'd'), weight('high', 'r1', 'd'), weight('alone', 'r1', 'e')],
      new Map([
        ['r1', { x: 0, y: 0 }],
        ['r2', { x: 0, y: 100 }],
      ]),
    );
    expect(slots.get('high')).toEqual([0, 2]);
    expect(slots.get('low')).toEqual([1, 2]);
    expect(slots.get('alone')).toEqual([0, 1]);
  });
});

describe('routeShares', () => {
  it('counts the destinations of each route', () => {
    const weight = (id: string, routeIndex: number): GraphEdge => ({
      id,
      source: 'r',
      target: id,
      kind: 'weight',
      problems: [],
      weight: {
        ref: { kind: 'VirtualService' as const, namespace: 'shop', name: 'catalog' },
        routeKind: 'http',
        routeIndex,
        destinationIndex: 0,
        host: 'catalog',
        weight: 50,
        explicit: true,
      },
    });
    const shares = routeShares([weight('a', 0), weight('b', 0), weight('c', 1)]);
    expect([shares.get('a'), shares.get('b'), shares.get('c')]).toEqual([2, 2, 1]);
  });

  it('counts an HTTPRoute and a GRPCRoute of the same name apart: a lone backend gets no slider', () => {
    const backend = (id: string, kind: 'HTTPRoute' | 'GRPCRoute', destinationIndex: number): GraphEdge => ({
      id,
      source: 'r',
      target: id,
      kind: 'weight',
      problems: [],
      weight: {
        ref: { kind, namespace: 'shop', name: 'frontend' },
        routeKind: 'rules',
        routeIndex: 0,
        destinationIndex,
        host: 'frontend',
        weight: 50,
        explicit: true,
      },
    });
    const shares = routeShares([
      backend('h0', 'HTTPRoute', 0),
      backend('h1', 'HTTPRoute', 1),
      backend('g0', 'GRPCRoute', 0),
    ]);
    expect([shares.get('h0'), shares.get('h1'), shares.get('g0')]).toEqual([2, 2, 1]);
  });
});

describe('a share that moves (a canary step)', () => {
  const share = (weight: number, explicit = true): WeightData => ({
    ref: { kind: 'VirtualService', namespace: 'shop', name: 'catalog' },
    routeKind: 'http',
    routeIndex: 0,
    destinationIndex: 0,
    host: 'catalog',
    subset: 'v1',
    weight,
    explicit,
  });
  const weighted = (weight: WeightData, problems: GraphEdge['problems'] = []): GraphEdge => ({
    id: 'a->b',
    source: 'a',
    target: 'b',
    kind: 'weight',
    weight,
    ref: weight.ref,
    path: 'spec.http[0].route[0]',
    problems,
  });
  const withEdge = (edge: GraphEdge): MeshGraph => ({ nodes: graph.nodes, edges: [edge] });

  it('changes no React Flow edge: the label reads the share from drawnWeights', () => {
    const first = toFlowEdges(withEdge(weighted(share(90))), positions, undefined, []);
    const moved = weighted(share(75, false));
    expect(toFlowEdges(withEdge(moved), positions, undefined, first)).toBe(first);
    expect(drawnWeights([moved], () => undefined).get('a->b')?.weight).toBe(75);
  });

  it('changes the React Flow edge when anything else about the edge changes', () => {
    const first = toFlowEdges(withEdge(weighted(share(90))), positions, undefined, []);
    const problem = { severity: 'warning' as const, code: 'X', message: 'x' };
    const changed = toFlowEdges(withEdge(weighted(share(75), [problem])), positions, undefined, first);
    expect(changed).not.toBe(first);
    expect(changed[0]?.data?.edge.problems).toEqual([problem]);
    const otherSubset = weighted({ ...share(90), subset: 'v2' });
    expect(sameApartFromShare(weighted(share(90)), otherSubset)).toBe(false);
    expect(sameApartFromShare(weighted(share(90)), weighted({ ...share(10), relative: 1 }))).toBe(true);
  });

  it('keeps the share held when it is equal, so a graph built whole re-renders no label', () => {
    const held = share(90);
    const weights = drawnWeights(
      [weighted(share(90)), { id: 'b->c', source: 'b', target: 'c', kind: 'workload', problems: [] }],
      (id) => (id === 'a->b' ? held : undefined),
    );
    expect(weights.get('a->b')).toBe(held);
    expect([...weights.keys()]).toEqual(['a->b']);
    expect(drawnWeights([weighted(share(80))], () => held).get('a->b')?.weight).toBe(80);
  });
});
