import { describe, expect, it } from 'vitest';
import { parseObject } from '../../mesh/parse';
import type { MeshSnapshot, StoredObject } from '../../mesh/types';
import { buildGraph } from '../build-graph';

function snapshot(...raw: unknown[]): MeshSnapshot {
  const objects: Record<string, StoredObject> = {};
  for (const value of raw) {
    const object = parseObject(value);
    if (object && object.kind !== 'Invalid')
      objects[`${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`] = object;
  }
  return {
    sequence: 1,
    objects,
    sync: { backend: 'kube', source: 't', demo: false, synced: true, syncedAt: '' },
  };
}

const gateway = (conditions: unknown[]) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'edge', namespace: 'shop' },
  spec: {
    gatewayClassName: 'istio',
    listeners: [{ name: 'http', port: 80, protocol: 'HTTP', hostname: '*.example.com' }],
  },
  status: { conditions },
});
const route = (parents: unknown[], parentRefs: unknown[] = [{ name: 'edge' }]) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'cart', namespace: 'shop' },
  spec: {
    parentRefs,
    hostnames: ['shop.example.com'],
    rules: [{ backendRefs: [{ name: 'cart', port: 80 }] }],
  },
  status: { parents },
});
const node = (graph: ReturnType<typeof buildGraph>, id: string) => graph.nodes.find((n) => n.id === id);

describe('controller status on Gateway API nodes', () => {
  it('says a Gateway still waits for a controller (Unknown, Pending) without calling it a problem', () => {
    const graph = buildGraph(
      snapshot(gateway([{ type: 'Programmed', status: 'Unknown', reason: 'Pending' }])),
    );
    expect(node(graph, 'kgw:shop/edge')).toMatchObject({ problems: [] });
    expect(node(graph, 'kgw:shop/edge')?.details).toContain('status: waiting for a controller');
  });

  it('marks a Gateway and a route a controller refused, with the reason', () => {
    const graph = buildGraph(
      snapshot(
        gateway([{ type: 'Programmed', status: 'False', reason: 'AddressNotAssigned' }]),
        route([
          {
            parentRef: { name: 'edge' },
            conditions: [
              { type: 'Accepted', status: 'True' },
              {
                type: 'ResolvedRefs',
                status: 'False',
                reason: 'BackendNotFound',
                message: 'service cart not found',
              },
            ],
          },
        ]),
      ),
    );
    expect(node(graph, 'kgw:shop/edge')?.problems[0]?.message).toContain(
      'Programmed is False (AddressNotAssigned)',
    );
    const routeNode = node(graph, 'gwroute:HTTPRoute/shop/cart');
    expect(routeNode?.details).toContain('accepted by edge');
    expect(routeNode?.problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringContaining('ResolvedRefs is False (BackendNotFound): service cart not found'),
      }),
    ]);
    expect(graph.edges.some((e) => e.id === 'binds:kgw:shop/edge->gwroute:HTTPRoute/shop/cart')).toBe(true);
  });

  it('draws a mesh (GAMMA) route east-west, with no gateway', () => {
    const graph = buildGraph(snapshot(route([], [{ group: '', kind: 'Service', name: 'cart', port: 80 }])));
    expect(node(graph, 'gwroute:HTTPRoute/shop/cart')?.details).toContain(
      'mesh (east-west) for Service cart:80',
    );
    expect(graph.edges.filter((e) => e.kind === 'binds')).toEqual([]);
    expect(node(graph, 'gwroute:HTTPRoute/shop/cart')?.details).toContain('status: no controller yet');
  });
});
