import { describe, expect, it } from 'vitest';
import { buildGraph } from '@/lib/graph/build-graph';
import { shopSnapshot } from '@/lib/graph/test-fixtures';
import type { Finding } from '@/lib/validate/types';
import { targetOfFinding } from './focus-target';

function finding(kind: Finding['ref']['kind'], name: string, path: string, code = 'TEST'): Finding {
  return {
    code,
    severity: 'error',
    ref: { kind, namespace: 'shop', name },
    path,
    message: `${code} ${path}`,
  };
}

describe('targetOfFinding', () => {
  it('targets the weight edge of a destination finding', () => {
    const found = finding('VirtualService', 'reviews', 'spec.http[0].route[1].destination.subset');
    const graph = buildGraph(shopSnapshot(), [found]);
    expect(targetOfFinding(graph, found)).toEqual({
      type: 'edge',
      id: 'weight:VirtualService/shop/reviews/http/0/1',
    });
  });

  it('targets the VirtualService node for a finding about the object as a whole', () => {
    const found = finding('VirtualService', 'reviews', 'metadata.namespace');
    expect(targetOfFinding(buildGraph(shopSnapshot(), [found]), found)).toEqual({
      type: 'node',
      id: 'vs:shop/reviews',
    });
  });

  it('falls back to what carries the problem (a DestinationRule finding on its destination)', () => {
    const found = finding('DestinationRule', 'reviews', 'spec.trafficPolicy.tls');
    const graph = buildGraph(shopSnapshot(), [found]);
    const target = targetOfFinding(graph, found);
    expect(target?.type).toBe('node');
    expect(graph.nodes.find((node) => node.id === target?.id)?.problems.map((p) => p.code)).toContain('TEST');
  });

  it('finds nothing for an object that is not on the graph', () => {
    const found = finding('VirtualService', 'gone', 'spec');
    expect(targetOfFinding(buildGraph(shopSnapshot(), [found]), found)).toBeUndefined();
  });
});
