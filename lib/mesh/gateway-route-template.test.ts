import { describe, expect, it } from 'vitest';
import { buildGraph } from '../graph/build-graph';
import { snapshotOf } from '../graph/test-fixtures';
import { validate } from '../validate';
import { deletionImpact } from './deletion-impact';
import { GATEWAY_ROUTE_KINDS, type GatewayRoute } from './gateway-api-types';
import { blankRouteTemplate, creatableRouteKinds } from './gateway-route-template';
import { parseObject } from './parse';
import type { MeshObject, StoredObject } from './types';

const service = (namespace: string, name: string, port: number): MeshObject => ({
  kind: 'Service',
  apiVersion: 'v1',
  metadata: { name, namespace },
  spec: { ports: [{ name: 'http', port }] },
});
const gateway = (namespace: string, name: string, protocols: string[]): StoredObject =>
  parseObject({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name, namespace },
    spec: {
      gatewayClassName: 'istio',
      listeners: protocols.map((protocol, i) => ({
        name: protocol.toLowerCase(),
        port: 8000 + i,
        protocol,
        ...(protocol === 'TLS' && { hostname: 'example.com', tls: { mode: 'Passthrough' } }),
      })),
    },
  }) as StoredObject;
const namespaces = ['shop', 'infra'].map(
  (name): MeshObject => ({ kind: 'Namespace', apiVersion: 'v1', metadata: { name }, spec: {} }),
);

describe('a new Gateway API route', () => {
  it.each(GATEWAY_ROUTE_KINDS)(
    '%s: parented to the namespace Gateway with a listener for it, one rule to the first Service, valid and drawn',
    (kind) => {
      const objects = [
        ...namespaces,
        service('shop', 'web', 8080),
        service('shop', 'api', 9090),
        gateway('infra', 'shared', ['HTTP', 'TCP', 'TLS']),
        gateway('shop', 'edge', ['HTTP', 'TCP', 'TLS']),
      ];
      const template = blankRouteTemplate(kind, 'shop', snapshotOf(objects));
      expect(template.metadata).toEqual({ name: `new-${kind.toLowerCase()}`, namespace: 'shop' });
      const spec = template.spec as GatewayRoute['spec'];
      expect(spec.parentRefs).toEqual([{ name: 'edge' }]);
      expect(spec.rules).toEqual([{ backendRefs: [{ name: 'api', port: 9090 }] }]);

      const route = parseObject(template) as StoredObject;
      expect(route.kind).toBe(kind);
      const snapshot = snapshotOf([...objects, route]);
      const own = validate(snapshot).filter(
        (f) => f.ref.kind === kind && f.ref.name === template.metadata.name && f.severity === 'error',
      );
      expect(own).toEqual([]);
      // Drawn: the route's node, and a weight edge from its rule to the Service.
      const graph = buildGraph(snapshot);
      const id = `${kind}/shop/${template.metadata.name}`;
      expect(graph.edges.map((e) => [e.source, e.target, e.kind])).toEqual(
        expect.arrayContaining([
          ['kgw:shop/edge', `gwroute:${id}`, 'binds'],
          [`rule:${id}/rules/0`, 'dest:api.shop.svc.cluster.local||9090', 'weight'],
        ]),
      );
    },
  );

  it('is offered for the route kinds the cluster serves: all of them on files, none without the Gateway API', () => {
    expect(creatableRouteKinds(undefined)).toEqual(['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute']);
    expect(creatableRouteKinds({ notServed: ['TCPRoute', 'TLSRoute'] })).toEqual(['HTTPRoute', 'GRPCRoute']);
    expect(
      creatableRouteKinds({
        notServed: [
          'GRPCRoute',
          'GatewayClass',
          'HTTPRoute',
          'KubernetesGateway',
          'ReferenceGrant',
          'TCPRoute',
          'TLSRoute',
        ],
      }),
    ).toEqual([]);
  });

  it('prefers a Gateway with a listener for the kind, and names its namespace when it is another', () => {
    const objects = [
      ...namespaces,
      gateway('shop', 'web-only', ['HTTP']),
      gateway('infra', 'tcp-edge', ['TCP']),
    ];
    const tcp = blankRouteTemplate('TCPRoute', 'payments', snapshotOf(objects));
    expect((tcp.spec as GatewayRoute['spec']).parentRefs).toEqual([{ name: 'tcp-edge', namespace: 'infra' }]);
    const http = blankRouteTemplate('HTTPRoute', 'shop', snapshotOf(objects));
    expect((http.spec as GatewayRoute['spec']).parentRefs).toEqual([{ name: 'web-only' }]);
  });

  it('without a Gateway: an HTTPRoute or GRPCRoute is parented to its Service (mesh), a TCPRoute to nothing; placeholders without a Service', () => {
    const view = snapshotOf([...namespaces, service('shop', 'web', 8080)]);
    expect((blankRouteTemplate('HTTPRoute', 'shop', view).spec as GatewayRoute['spec']).parentRefs).toEqual([
      { group: '', kind: 'Service', name: 'web', port: 8080 },
    ]);
    expect(
      (blankRouteTemplate('TCPRoute', 'shop', view).spec as GatewayRoute['spec']).parentRefs,
    ).toBeUndefined();
    expect(blankRouteTemplate('TLSRoute', 'empty', view).spec).toEqual({
      hostnames: ['example.com'],
      rules: [{ backendRefs: [{ name: 'example', port: 80 }] }],
    });
  });

  it('its delete says which parents stop routing it and where each rule sent traffic', () => {
    const route = parseObject({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        parentRefs: [{ name: 'shared', namespace: 'infra', sectionName: 'http' }],
        hostnames: ['shop.example.com'],
        rules: [
          {
            name: 'canary',
            backendRefs: [
              { name: 'web-v1', port: 80, weight: 90 },
              { name: 'web-v2', port: 80, weight: 10 },
            ],
          },
          {},
        ],
      },
    }) as MeshObject;
    expect(deletionImpact(snapshotOf([]), route)).toEqual([
      'Gateway infra/shared (http) no longer routes shop.example.com through it; requests it matched get 404 unless another route takes them.',
      'rules[0] (canary) → web-v1:80 (weight 90), web-v2:80 (weight 10)',
      'rules[1] → no backends',
    ]);
    const tcp = { ...route, kind: 'TCPRoute', spec: { parentRefs: [{ name: 'db' }] } } as MeshObject;
    expect(deletionImpact(snapshotOf([]), tcp)[0]).toBe(
      'Gateway db no longer routes through it; connections it took are refused unless another route takes them.',
    );
    const orphan = { ...route, spec: { rules: [] } } as MeshObject;
    expect(deletionImpact(snapshotOf([]), orphan)).toEqual([
      'It has no parentRef: no traffic is routed by it.',
    ]);
  });
});
