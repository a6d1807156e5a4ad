import fc from 'fast-check';
import { expect } from 'vitest';
import { namesField, send, WRITE_ENDPOINTS, type WriteEndpoint } from './attack-kit';

/** What one fuzz run saw, per endpoint: the figures the hardening note reports. */
export interface FuzzCounts {
  tried: number;
  refused: number;
  written: number;
  serverErrors: number;
  /** 422s whose message names no field. */
  unnamed: number;
}

const HOSTILE_NAMES = [
  '../escape-test',
  '..',
  '.',
  'a/b',
  'shop/../..',
  'Shop',
  'a\u200bb',
  'a\u0000b',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  ' shop',
  'x'.repeat(300),
  '%2e%2e',
  'shop\r\n',
  '\u202eevil',
];

const name = fc.oneof(fc.constantFrom(...HOSTILE_NAMES), fc.string({ unit: 'grapheme', maxLength: 40 }));

/** A value of any JSON type (wrong types for every field), now and then very deep or very long. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.integer({ min: 65, max: 12_000 }).map((depth) => nest(depth)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(1e308, -1, 1.5, Number.MAX_SAFE_INTEGER + 2, '', [], {}, null, true),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map((mb) => 'x'.repeat(mb * 512 * 1024)) },
);

// Deep values stay a marker until sent: stringifying 12,000 levels would overflow this stack.
const DEEP = /"<deep:(\d+)>"/g;
const nest = (depth: number) => `<deep:${depth}>`;
const deepText = (depth: number) => `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`;

const KINDS = [
  'SetWeights',
  'AddDestination',
  'RemoveDestination',
  'AddBackend',
  'RemoveBackend',
  'SetRoute',
  'AddRoute',
  'RemoveRoute',
  'MoveRoute',
  'SetSpec',
  'CreateObject',
  'DeleteObject',
  'ChangeSet',
];

/** A change record close to a real one, one of its fields replaced by something hostile. */
const change = fc
  .record({
    kind: fc.oneof(fc.constantFrom(...KINDS), name),
    target: fc.record({
      kind: fc.oneof(
        fc.constantFrom(
          'VirtualService',
          'DestinationRule',
          'Gateway',
          'ServiceEntry',
          'HTTPRoute',
          'GRPCRoute',
          'TCPRoute',
          'TLSRoute',
          'KubernetesGateway',
        ),
        name,
      ),
      namespace: name,
      name: name,
    }),
    routeKind: fc.oneof(fc.constantFrom('http', 'tcp', 'tls', 'rules'), name),
    backendIndex: fc.oneof(fc.integer({ min: -2, max: 3 }), anyValue),
    backendRef: anyValue,
    routeIndex: fc.oneof(fc.integer({ min: -2, max: 3 }), anyValue),
    weights: fc.oneof(fc.array(fc.integer({ min: -200, max: 200 }), { maxLength: 4 }), anyValue),
    route: anyValue,
    spec: anyValue,
    object: anyValue,
    // A ChangeSet's: its title and members (creates and deletes), each hostile in turn.
    title: fc.oneof(fc.constant('Send api.example.com through an egress gateway'), name),
    changes: fc.oneof(
      fc.array(
        fc.record({
          kind: fc.constantFrom('CreateObject', 'DeleteObject'),
          target: anyValue,
          object: anyValue,
          resourceVersion: anyValue,
        }),
        { maxLength: 3 },
      ),
      anyValue,
    ),
  })
  .chain((base) =>
    fc
      .constantFrom(...Object.keys(base))
      .chain((key) => anyValue.map((value) => ({ ...base, [key]: value }))),
  );

/** The current version of the object a nearly valid change targets, put in at send time. */
export const CURRENT = '<current resourceVersion>';

const virtualService = (namespace: string, name: string, spec: unknown) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name, namespace },
  spec,
});
const weightedRoute = (weights: unknown[]) => ({
  route: weights.map((weight, i) => ({ destination: { host: 'catalog', subset: `v${i + 1}` }, weight })),
});
const badWeight = fc.oneof(
  fc.integer({ min: 101, max: 1_000 }),
  fc.integer({ min: -1_000, max: -1 }),
  fc.double({ noInteger: true, min: 0, max: 100 }),
);
const badHost = fc.constantFrom('<script>alert(1)</script>', 'cata\u200blog', 'a b', '', 'x\r\n# y');

/**
 * Changes that are valid but for one hostile value, against a real object at its current
 * version: what would be written if that value got through (SetRoute's out-of-range weights,
 * a create in `../escape-test`, a host with markup).
 */
const nearlyValid = fc.oneof(
  fc
    .tuple(
      name.filter((n) => !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(n)),
      fc.constantFrom('namespace', 'name'),
    )
    .map(([bad, which]) => {
      const [namespace, objectName] = which === 'namespace' ? [bad, 'fuzzed'] : ['shop', bad];
      const spec = { hosts: ['catalog'], http: [weightedRoute([100])] };
      const target = { kind: 'VirtualService', namespace, name: objectName };
      return {
        change: { kind: 'CreateObject', target, object: virtualService(namespace, objectName, spec) },
      };
    }),
  // A Gateway API route created (or deleted) under a name or namespace that is no Kubernetes
  // name: refused before it reaches a file or the API server.
  fc
    .tuple(
      name.filter((n) => !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(n)),
      fc.constantFrom('namespace', 'name'),
      fc.constantFrom('HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute'),
      fc.boolean(),
    )
    .map(([bad, which, kind, deleting]) => {
      const [namespace, objectName] = which === 'namespace' ? [bad, 'fuzzed'] : ['shop', bad];
      const target = { kind, namespace, name: objectName };
      const object = {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind,
        metadata: { name: objectName, namespace },
        spec: { rules: [{ backendRefs: [{ name: 'catalog', port: 8080 }] }] },
      };
      return deleting
        ? { change: { kind: 'DeleteObject', target }, resourceVersion: '1' }
        : { change: { kind: 'CreateObject', target, object } };
    }),
  fc.tuple(badWeight, fc.integer({ min: 0, max: 1 })).map(([weight, at]) => ({
    change: {
      kind: 'SetRoute',
      target: { kind: 'VirtualService', namespace: 'shop', name: 'catalog' },
      routeKind: 'http',
      routeIndex: 0,
      route: {
        name: 'canary',
        ...weightedRoute(at ? [100 - Number(weight), weight] : [weight, 100 - Number(weight)]),
      },
    },
    resourceVersion: CURRENT,
  })),
  // A set whose last member is hostile (a bad name, a bad host): nothing of it may be written.
  fc.tuple(name, badHost).map(([bad, host]) => {
    const good = virtualService('shop', 'fuzz-set-a', { hosts: ['catalog'], http: [weightedRoute([100])] });
    const hostile = virtualService('shop', bad, { hosts: [host], http: [weightedRoute([100])] });
    const member = (object: ReturnType<typeof virtualService>) => ({
      kind: 'CreateObject',
      target: { kind: 'VirtualService', namespace: 'shop', name: object.metadata.name },
      object,
    });
    const target = { kind: 'VirtualService', namespace: 'shop', name: 'fuzz-set-a' };
    return { change: { kind: 'ChangeSet', target, title: 'fuzz', changes: [member(good), member(hostile)] } };
  }),
  badHost.map((host) => ({
    change: {
      kind: 'SetSpec',
      target: { kind: 'VirtualService', namespace: 'shop', name: 'catalog' },
      spec: { hosts: [host], http: [{ name: 'canary', ...weightedRoute([90, 10]) }] },
    },
    resourceVersion: CURRENT,
  })),
);

/** A whole request body: a change, extra fields, any of them of the wrong type. */
const body = fc.oneof(
  { weight: 3, arbitrary: nearlyValid },
  {
    weight: 6,
    arbitrary: fc.record(
      { change, resourceVersion: fc.oneof(fc.constant('fuzz'), anyValue), note: anyValue },
      { requiredKeys: ['change'] },
    ),
  },
  { weight: 1, arbitrary: fc.record({ token: anyValue }) },
  { weight: 1, arbitrary: fc.record({ entry: anyValue, request: anyValue }) },
  { weight: 1, arbitrary: anyValue },
);

/**
 * Sends `runs` hostile bodies to every write endpoint and asserts, for each: no 5xx; a 4xx
 * whose message says what is wrong, naming the field for a 422 (`fields`, or `path: …` in the
 * message); and nothing written (`wrote` tells, after each request). Answers the counts.
 */
export async function fuzzWriteEndpoints(
  runs: number,
  wrote: () => Promise<boolean>,
  currentVersion: () => string,
): Promise<Record<WriteEndpoint, FuzzCounts>> {
  const counts = {} as Record<WriteEndpoint, FuzzCounts>;
  for (const path of Object.keys(WRITE_ENDPOINTS) as WriteEndpoint[]) {
    const seen: FuzzCounts = { tried: 0, refused: 0, written: 0, serverErrors: 0, unnamed: 0 };
    counts[path] = seen;
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const text = (JSON.stringify(value) ?? 'null')
          .replace(JSON.stringify(CURRENT), JSON.stringify(currentVersion()))
          .replace(DEEP, (_, depth) => deepText(Number(depth)));
        const { status, json } = await send(path, text);
        seen.tried++;
        if (status >= 500) seen.serverErrors++;
        else if (status >= 400) seen.refused++;
        if (await wrote()) seen.written++;
        const named = namesField(json);
        if (status === 422 && !named) seen.unnamed++;
        // Counting only (WEIR_FUZZ_COUNT_ONLY=1): how code before the fixes fared, every run.
        if (process.env.WEIR_FUZZ_COUNT_ONLY === '1') return;
        expect(status, JSON.stringify(json)).toBeLessThan(500);
        // Sign-out takes no body: it answers 200 whatever is sent, and writes nothing.
        if (path === '/api/auth/sign-out') return;
        expect(status, JSON.stringify(json)).toBeGreaterThanOrEqual(400);
        expect(json.error?.message).toBeTruthy();
        if (status === 422) expect(named, json.error?.message).toBe(true);
      }),
      { numRuns: runs, endOnFailure: true },
    );
  }
  return counts;
}
