import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidError } from '../errors';
import type { MeshObject, RouteKind, VirtualService } from '../types';
import { applyChange } from './kinds';
import type { SetWeights } from './set-weights';

const reviews: VirtualService = {
  kind: 'VirtualService',
  apiVersion: 'networking.istio.io/v1',
  metadata: { name: 'reviews', namespace: 'bookinfo', resourceVersion: '12' },
  spec: {
    hosts: ['reviews'],
    http: [
      {
        name: 'canary',
        route: [
          { destination: { host: 'reviews', subset: 'v1' }, weight: 90 },
          { destination: { host: 'reviews', subset: 'v2' }, weight: 10 },
        ],
      },
      { route: [{ destination: { host: 'reviews', subset: 'v1' } }] },
      { delegate: { name: 'reviews-admin', namespace: 'bookinfo' } },
    ],
  },
};

const setWeights = (weights: number[], routeIndex = 0, routeKind: RouteKind = 'http'): SetWeights => ({
  kind: 'SetWeights',
  target: { kind: 'VirtualService', namespace: 'bookinfo', name: 'reviews' },
  routeKind,
  routeIndex,
  weights,
});

describe('applyChange: SetWeights', () => {
  it('writes the weights on the route’s destinations, in order', () => {
    const next = applyChange(reviews, setWeights([75, 25])) as VirtualService;
    expect(next.spec.http?.[0]?.route?.map((d) => d.weight)).toEqual([75, 25]);
  });

  it('keeps a weight of 0 explicit', () => {
    const next = applyChange(reviews, setWeights([100, 0])) as VirtualService;
    expect(next.spec.http?.[0]?.route?.[1]).toEqual({
      destination: { host: 'reviews', subset: 'v2' },
      weight: 0,
    });
  });

  it('writes 100 on a lone destination', () => {
    const next = applyChange(reviews, setWeights([100], 1)) as VirtualService;
    expect(next.spec.http?.[1]?.route).toEqual([
      { destination: { host: 'reviews', subset: 'v1' }, weight: 100 },
    ]);
  });

  it('weighs tcp and tls routes too', () => {
    const tcp: VirtualService = {
      ...reviews,
      spec: {
        tcp: [
          {
            match: [{ port: 31400 }],
            route: [
              { destination: { host: 'echo', subset: 'v1' } },
              { destination: { host: 'echo', subset: 'v2' } },
            ],
          },
        ],
      },
    };
    const next = applyChange(tcp, setWeights([80, 20], 0, 'tcp')) as VirtualService;
    expect(next.spec.tcp?.[0]?.route?.map((d) => d.weight)).toEqual([80, 20]);
    expect(next.spec.tcp?.[0]?.match).toBe(tcp.spec.tcp?.[0]?.match);
  });

  it.each([
    ['a route that does not exist', setWeights([100], 5), 'reviews has no http[5] (it has 3 http routes)'],
    [
      'a kind of route the object lacks',
      setWeights([100], 0, 'tls'),
      'reviews has no tls[0] (it has 0 tls routes)',
    ],
    [
      'a route without destinations',
      setWeights([100], 2),
      'reviews http[2] has no destinations to weigh (it delegates)',
    ],
    ['too few weights', setWeights([100]), 'reviews http[0] has 2 destinations, got 1 weights'],
    ['weights above 100', setWeights([150, -50]), 'weights[0] must be a whole number from 0 to 100, got 150'],
    ['fractions', setWeights([50.5, 49.5]), 'weights[0] must be a whole number from 0 to 100, got 50.5'],
    [
      'weights that do not add up',
      setWeights([55, 40]),
      'weights of reviews http[0] must add up to 100, got 95',
    ],
    [
      'an unknown route kind',
      setWeights([100], 0, 'grpc' as RouteKind),
      'routeKind must be http, tcp or tls, got "grpc"',
    ],
  ])('refuses %s', (_, change, message) => {
    expect(() => applyChange(reviews, change)).toThrow(InvalidError);
    expect(() => applyChange(reviews, change)).toThrow(message);
  });

  it('refuses another object than the one targeted', () => {
    const other = { ...reviews, metadata: { ...reviews.metadata, name: 'ratings' } };
    expect(() => applyChange(other, setWeights([75, 25]))).toThrow(
      'targets bookinfo/reviews, not bookinfo/ratings',
    );
    const dr: MeshObject = { ...reviews, kind: 'DestinationRule', spec: { host: 'reviews' } };
    expect(() => applyChange(dr, setWeights([75, 25]))).toThrow(
      'applies to a VirtualService, not a DestinationRule',
    );
  });

  it('refuses a change kind it does not know', () => {
    const change = { kind: 'DropTable' } as unknown as SetWeights;
    expect(() => applyChange(reviews, change)).toThrow('unknown change kind "DropTable"');
  });
});

// ---- properties: nothing but the weights of one route ever changes ----------------------

/** Fields Weir does not model, as an API server or a newer Istio might add them. */
const unknownFields = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 8 }).map((k) => `x-${k}`),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 2 },
);

const destination = fc.record({
  host: fc.constantFrom('reviews', 'ratings.bookinfo.svc.cluster.local'),
  subset: fc.option(fc.constantFrom('v1', 'v2', 'v3'), { nil: undefined }),
  port: fc.option(fc.record({ number: fc.integer({ min: 1, max: 65535 }) }), { nil: undefined }),
});

const routeDestination = fc
  .tuple(destination, fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }), unknownFields)
  .map(([d, weight, extra]) => ({ ...extra, destination: d, ...(weight !== undefined && { weight }) }));

const route = fc
  .tuple(
    fc.array(routeDestination, { minLength: 1, maxLength: 4 }),
    unknownFields,
    fc.option(fc.string(), { nil: undefined }),
  )
  .map(([destinations, extra, name]) => ({
    ...extra,
    ...(name !== undefined && { name }),
    route: destinations,
  }));

const virtualService = fc
  .record({
    http: fc.array(route, { maxLength: 3 }),
    tcp: fc.array(route, { maxLength: 2 }),
    tls: fc.array(route, { maxLength: 2 }),
    specExtra: unknownFields,
    topExtra: unknownFields,
    metaExtra: unknownFields,
  })
  .filter(({ http, tcp, tls }) => http.length + tcp.length + tls.length > 0)
  .map(
    ({ http, tcp, tls, specExtra, topExtra, metaExtra }) =>
      ({
        ...topExtra,
        kind: 'VirtualService',
        apiVersion: 'networking.istio.io/v1',
        metadata: { ...metaExtra, name: 'reviews', namespace: 'bookinfo' },
        spec: { ...specExtra, hosts: ['reviews'], http, tcp, tls },
      }) as VirtualService,
  );

/** A VirtualService and a valid SetWeights on one of its routes. */
const vsAndChange = virtualService.chain((vs) => {
  const targets = (['http', 'tcp', 'tls'] as const).flatMap((kind) =>
    (vs.spec[kind] ?? []).map((r, index) => ({ kind, index, size: r.route?.length ?? 0 })),
  );
  return fc.constantFrom(...targets).chain(({ kind, index, size }) =>
    fc
      .array(fc.integer({ min: 0, max: 100 }), { minLength: size - 1, maxLength: size - 1 })
      .map((cuts) => {
        const sorted = [0, ...cuts.sort((a, b) => a - b), 100];
        return sorted.slice(1).map((c, i) => c - (sorted[i] ?? 0));
      })
      .map((weights) => ({ vs, change: setWeights(weights, index, kind) })),
  );
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** The object with the weights of one route taken out: what must not change. */
function withoutWeights(vs: VirtualService, kind: RouteKind, index: number): unknown {
  const copy = structuredClone(vs);
  for (const d of copy.spec[kind]?.[index]?.route ?? []) delete d.weight;
  return copy;
}

describe('applyChange: properties', () => {
  it('never mutates its input', () => {
    fc.assert(
      fc.property(vsAndChange, ({ vs, change }) => {
        const before = structuredClone(vs);
        // Frozen: any write to the input throws (modules run in strict mode).
        applyChange(deepFreeze(vs), change);
        expect(vs).toEqual(before);
      }),
    );
  });

  it('changes the weights of the one route and nothing else, unknown fields included', () => {
    fc.assert(
      fc.property(vsAndChange, ({ vs, change }) => {
        const next = applyChange(vs, change) as VirtualService;
        const { routeKind, routeIndex, weights } = change;
        expect(next.spec[routeKind]?.[routeIndex]?.route?.map((d) => d.weight)).toEqual(weights);
        expect(withoutWeights(next, routeKind, routeIndex)).toStrictEqual(
          withoutWeights(vs, routeKind, routeIndex),
        );
      }),
    );
  });

  it('leaves other routes as they were, down to the same objects', () => {
    fc.assert(
      fc.property(vsAndChange, ({ vs, change }) => {
        const next = applyChange(vs, change) as VirtualService;
        for (const kind of ['http', 'tcp', 'tls'] as const) {
          (vs.spec[kind] ?? []).forEach((r, i) => {
            if (kind !== change.routeKind || i !== change.routeIndex) expect(next.spec[kind]?.[i]).toBe(r);
          });
        }
        expect(next.metadata).toBe(vs.metadata);
      }),
    );
  });
});
