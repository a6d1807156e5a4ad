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

const service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'cart', namespace: 'shop' },
  spec: { ports: [{ name: 'http', port: 80 }] },
};
const route = (backend: Record<string, unknown>) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { parentRefs: [{ name: 'edge' }], rules: [{ backendRefs: [{ port: 80, ...backend }] }] },
});

function backendNode(backend: Record<string, unknown>) {
  const graph = buildGraph(snapshot(service, route(backend)));
  const edge = graph.edges.find((e) => e.kind === 'weight');
  return graph.nodes.find((node) => node.id === edge?.target);
}

describe('resolveBackends: a Service backendRef names its Service exactly, as Istio looks it up', () => {
  it('draws the edge to the Service when the name is written as the Service is named', () => {
    expect(backendNode({ name: 'cart' })?.ref).toEqual({ kind: 'Service', namespace: 'shop', name: 'cart' });
  });

  it.each([{ name: 'CART' }, { name: 'cart.shop' }, { name: 'cart', namespace: 'Shop' }])(
    'does not draw %o to Service shop/cart (Istio: BackendNotFound or InvalidDestination)',
    (backend) => {
      const node = backendNode(backend);
      expect(node).toBeDefined();
      expect(node?.ref).toBeUndefined();
      expect(node?.label).toBe(`${backend.name}:80`);
    },
  );
});
