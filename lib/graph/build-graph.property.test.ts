import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MeshSnapshot, StoredObject } from '../mesh/types';
import type { Finding } from '../validate/types';
import { buildGraph, graphStages, tidy } from './build-graph';
import { shopObjects, snapshotOf } from './test-fixtures';

// Values that show up where a well-typed field should be: hand-written YAML, validation off.
const garbage = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -5, max: 300 }),
  fc.double(),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
);
const maybe = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary }, { weight: 1, arbitrary: garbage });
const hostName = fc.constantFrom(
  'reviews',
  'ratings.shop',
  'details.shop.svc.cluster.local',
  'api.example.com',
  '*',
  '*.shop.example',
  '',
  'REVIEWS',
);
const subsetName = fc.constantFrom('v1', 'v2', 'v3', 'missing', '');

const destination = fc.record(
  {
    host: maybe(hostName),
    subset: maybe(subsetName),
    port: maybe(fc.record({ number: maybe(fc.integer({ min: 0, max: 70000 })) })),
  },
  { requiredKeys: [] },
);
const routeDestination = fc.record(
  { destination: maybe(destination), weight: maybe(fc.integer({ min: -10, max: 150 })) },
  { requiredKeys: [] },
);
const stringMatch = fc.record(
  { exact: maybe(fc.string()), prefix: maybe(fc.string()), regex: maybe(fc.string()) },
  { requiredKeys: [] },
);
const match = fc.record(
  {
    uri: maybe(stringMatch),
    headers: maybe(fc.dictionary(fc.string({ maxLength: 5 }), maybe(stringMatch), { maxKeys: 2 })),
    port: maybe(fc.integer({ min: 0, max: 65535 })),
    sniHosts: maybe(fc.array(maybe(hostName), { maxLength: 2 })),
    gateways: maybe(fc.array(maybe(fc.constantFrom('mesh', 'shop-gateway', 'nope')), { maxLength: 2 })),
  },
  { requiredKeys: [] },
);
const route = fc.record(
  {
    name: maybe(fc.string({ maxLength: 6 })),
    match: maybe(fc.array(maybe(match), { maxLength: 3 })),
    route: maybe(fc.array(maybe(routeDestination), { maxLength: 4 })),
    mirror: maybe(destination),
    mirrorPercentage: maybe(fc.record({ value: maybe(fc.double()) }, { requiredKeys: [] })),
    mirrors: maybe(
      fc.array(
        maybe(fc.record({ destination: maybe(destination), percentage: garbage }, { requiredKeys: [] })),
        { maxLength: 2 },
      ),
    ),
    delegate: maybe(
      fc.record(
        {
          name: maybe(fc.constantFrom('reviews', 'ratings', 'gone')),
          namespace: maybe(fc.constantFrom('shop', 'x')),
        },
        { requiredKeys: [] },
      ),
    ),
    rewrite: maybe(fc.record({ uri: maybe(fc.string()) }, { requiredKeys: [] })),
    retries: garbage,
    fault: maybe(fc.record({ delay: garbage, abort: garbage }, { requiredKeys: [] })),
    redirect: garbage,
    directResponse: garbage,
    timeout: garbage,
    unknownField: garbage,
  },
  { requiredKeys: [] },
);
const spec = fc.record(
  {
    hosts: maybe(fc.array(maybe(hostName), { maxLength: 3 })),
    gateways: maybe(
      fc.array(
        maybe(
          fc.constantFrom('mesh', 'shop-gateway', 'shop/shop-gateway', 'missing', 'a.b.svc.cluster.local'),
        ),
        { maxLength: 3 },
      ),
    ),
    http: maybe(fc.array(maybe(route), { maxLength: 4 })),
    tcp: maybe(fc.array(maybe(route), { maxLength: 2 })),
    tls: maybe(fc.array(maybe(route), { maxLength: 2 })),
    exportTo: garbage,
  },
  { requiredKeys: [] },
);
const virtualService = fc.record({
  kind: fc.constantFrom('VirtualService', 'DestinationRule', 'Gateway', 'Invalid', 'Service'),
  apiVersion: maybe(fc.constant('networking.istio.io/v1')),
  metadata: maybe(
    fc.record(
      {
        name: maybe(fc.constantFrom('reviews', 'ratings', 'front', 'x')),
        namespace: maybe(fc.constantFrom('shop', 'payments', '')),
      },
      { requiredKeys: [] },
    ),
  ),
  spec: maybe(spec),
  ofKind: garbage,
  reason: garbage,
});

const findingArbitrary = fc.record({
  code: fc.string({ maxLength: 4 }),
  severity: fc.constantFrom('error', 'warning', 'info'),
  ref: maybe(
    fc.record({
      kind: fc.constantFrom('VirtualService', 'DestinationRule', 'Gateway', 'Namespace', 'Pod', 'Service'),
      namespace: fc.constantFrom('shop', 'payments', ''),
      name: fc.constantFrom('reviews', 'ratings', 'front', 'shop', 'shop-gateway'),
    }),
  ),
  path: maybe(
    fc.constantFrom(
      'spec',
      'spec.http[0]',
      'spec.http[0].route[1].weight',
      'spec.subsets[0]',
      'spec.gateways[0]',
      '',
    ),
  ),
  message: fc.string({ maxLength: 8 }),
});

function snapshotWith(extra: unknown[]): MeshSnapshot {
  const snapshot = snapshotOf(shopObjects());
  extra.forEach((object, position) => {
    snapshot.objects[`extra/${position}`] = object as StoredObject;
  });
  return snapshot;
}

// As a store holds them: one object per key, the key its kind, namespace and name.
function storedSnapshot(extra: unknown[]): MeshSnapshot {
  const snapshot = snapshotOf(shopObjects());
  for (const value of extra) {
    const object = value as {
      kind: string;
      ofKind?: unknown;
      metadata?: { namespace?: unknown; name?: unknown };
    };
    const text = (part: unknown) => (typeof part === 'string' ? part : (JSON.stringify(part) ?? ''));
    const kind = object.kind === 'Invalid' ? text(object.ofKind) : object.kind;
    // A namespace that is not a string is read as none, by the store as by the graph.
    const namespace = typeof object.metadata?.namespace === 'string' ? object.metadata.namespace : '';
    const key = `${kind}/${namespace}/${text(object.metadata?.name)}`;
    snapshot.objects[key as keyof typeof snapshot.objects] = value as StoredObject;
  }
  return snapshot;
}

describe('buildGraph on random-ish input', () => {
  // 300 random meshes take 1–2 s on a quiet machine and over 5 s (the default) on a loaded one.
  it('emits no duplicate node or edge and no dangling edge, so tidy() drops nothing', {
    timeout: 30_000,
  }, () => {
    fc.assert(
      fc.property(fc.array(virtualService, { maxLength: 6 }), (objects) => {
        const { nodes, edges } = graphStages(storedSnapshot(objects));
        const tidied = tidy(nodes, edges);
        expect(tidied.nodes.map((node) => node.id)).toEqual(nodes.map((node) => node.id));
        expect(tidied.edges.map((edge) => edge.id)).toEqual(edges.map((edge) => edge.id));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws, and every edge joins nodes that exist', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(
        fc.array(virtualService, { maxLength: 6 }),
        fc.array(findingArbitrary, { maxLength: 4 }),
        fc.record(
          {
            namespaces: maybe(fc.array(fc.constantFrom('shop', 'payments'))),
            search: maybe(fc.string({ maxLength: 3 })),
          },
          { requiredKeys: [] },
        ),
        (objects, findings, options) => {
          const graph = buildGraph(snapshotWith(objects), findings as unknown as Finding[], options as never);
          const ids = new Set(graph.nodes.map((node) => node.id));
          expect(ids.size).toBe(graph.nodes.length);
          for (const edge of graph.edges) {
            expect(ids.has(edge.source)).toBe(true);
            expect(ids.has(edge.target)).toBe(true);
            if (edge.kind === 'weight') {
              expect(edge.weight).toBeDefined();
              expect(Number.isFinite(edge.weight?.weight)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
