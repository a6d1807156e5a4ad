import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode, MeshGraph } from '@/lib/graph/types';
import { collapsedId, collapseNamespaces } from './collapse-namespaces';

function node(id: string, kind: GraphNode['kind'], namespace: string): GraphNode {
  return { id, kind, namespace, label: id, details: [], problems: [] };
}

function edge(source: string, target: string, kind: GraphEdge['kind'] = 'subset'): GraphEdge {
  return { id: `${source}->${target}`, source, target, kind, problems: [] };
}

const graph: MeshGraph = {
  nodes: [
    node('vs', 'virtualService', 'shop'),
    node('route', 'route', 'shop'),
    node('dest-a', 'destination', 'payments'),
    node('subset-a', 'subset', 'payments'),
    node('subset-b', 'subset', 'payments'),
    { ...node('pods', 'workload', 'payments'), problems: [{ severity: 'warning', message: 'no ready pod' }] },
  ],
  edges: [
    edge('vs', 'route', 'route'),
    {
      ...edge('route', 'dest-a', 'weight'),
      weight: {
        ref: { kind: 'VirtualService' as const, namespace: 'shop', name: 'vs' },
        routeKind: 'http',
        routeIndex: 0,
        destinationIndex: 0,
        host: 'a',
        weight: 100,
        explicit: false,
      },
    },
    edge('dest-a', 'subset-a'),
    edge('dest-a', 'subset-b'),
    edge('subset-a', 'pods', 'workload'),
  ],
};

describe('collapseNamespaces', () => {
  it('leaves the graph as it is when nothing is collapsed', () => {
    expect(collapseNamespaces(graph, new Set())).toBe(graph);
  });

  it('draws a collapsed namespace as one node in its leftmost column, with its problems', () => {
    const result = collapseNamespaces(graph, new Set(['payments']));
    const group = result.nodes.find((n) => n.id === collapsedId('payments'));
    expect(result.nodes.map((n) => n.id)).toEqual(['vs', 'route', collapsedId('payments')]);
    expect(group?.kind).toBe('destination');
    expect(group?.problems[0]?.message).toBe('pods: no ready pod');
  });

  it('keeps weight edges into it and drops edges inside it', () => {
    const result = collapseNamespaces(graph, new Set(['payments']));
    expect(result.edges.map((e) => [e.id, e.source, e.target])).toEqual([
      ['vs->route', 'vs', 'route'],
      ['route->dest-a', 'route', collapsedId('payments')],
    ]);
    expect(result.edges[1]?.weight?.weight).toBe(100);
  });

  it('draws the edges that collapsing makes alike only once', () => {
    const result = collapseNamespaces(graph, new Set(['shop']));
    expect(result.edges.filter((e) => e.source === collapsedId('shop'))).toHaveLength(1);
    expect(result.edges.filter((e) => e.target === 'subset-a')).toHaveLength(1);
  });
});
