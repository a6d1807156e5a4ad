import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../../tools/test/until';
import { HISTORY_FILE } from '../history/file-history';
import { getStore } from '../store';
import { CART_ROUTE, expectRefused, send, useDemoFolder, type WriteEndpoint } from './attack-kit';

// AddBackend and RemoveBackend (a Gateway API rule's backendRefs) through every endpoint that
// takes a change, against a real HTTPRoute in a copy of the demo folder: hostile backendRefs,
// rule and backend indexes, targets — a 4xx naming the field, never a 5xx, nothing written.
const { file: ROUTE_FILE, ref, yaml: ROUTE } = CART_ROUTE;

// Values no field of these records takes as valid: every run has one, so none may be written.
const hostile = fc
  .oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.constantFrom(
      1e308,
      -1,
      1.5,
      Number.NaN,
      '',
      [],
      {},
      null,
      true,
      '../escape',
      '__proto__',
      'x'.repeat(400),
    ),
  )
  .filter((v) => !(typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 3) && v !== 'rules');

const badName = fc.constantFrom('Cart V3', '../x', 'a/b', '', 'x'.repeat(300), '\u202ecart', 'cart\r\n', '*');
const backendRef = fc.record(
  {
    group: fc.oneof(fc.constantFrom('', 'networking.istio.io', 'A/B', '..'), hostile),
    kind: fc.oneof(fc.constantFrom('Service', 'Hostname', 'Serv ice', '<b>'), hostile),
    namespace: fc.oneof(fc.constantFrom('shop', 'payments', '..', 'Shop', ''), hostile),
    name: fc.oneof(fc.constantFrom('cart-v1', 'cart-v3'), badName, hostile),
    port: fc.oneof(fc.integer({ min: -5, max: 70_000 }), hostile),
    filters: fc.oneof(fc.constant([{ type: 'Nonsense' }]), fc.constant([{}]), hostile),
  },
  { requiredKeys: ['name'] },
);
const target = fc.record({
  kind: fc.oneof(fc.constantFrom('HTTPRoute', 'GRPCRoute', 'KubernetesGateway', 'Gateway'), fc.string()),
  namespace: fc.constantFrom('shop', '..', 'Shop', ''),
  name: fc.constantFrom('cart', 'cart/../x', 'missing', '\u202ecart'),
});

// Each field hostile in turn, the rest close to a real change.
const eachFieldHostile = <T extends Record<string, unknown>>(base: fc.Arbitrary<T>) =>
  base.chain((b) =>
    fc.constantFrom(...Object.keys(b)).chain((key) => hostile.map((v) => ({ ...b, [key]: v }))),
  );

const adds = eachFieldHostile(
  fc.record({
    kind: fc.constant('AddBackend'),
    target,
    routeKind: fc.oneof(fc.constant('rules'), fc.constantFrom('http', 'tcp')),
    routeIndex: fc.integer({ min: -2, max: 3 }),
    backendRef,
  }),
);
// A backendRef that is hostile in one of its own fields, everything else a real change.
const badBackendRefs = fc
  .tuple(
    fc.constantFrom('group', 'kind', 'namespace', 'name', 'port', 'filters'),
    fc.oneof(hostile, badName, fc.integer({ min: 65_536, max: 1e9 }), fc.constant([{ type: 'Nonsense' }])),
  )
  .map(([key, value]) => ({
    kind: 'AddBackend',
    target: ref,
    routeKind: 'rules',
    routeIndex: 0,
    backendRef: { name: 'cart-v3', port: 8080, [key]: value },
  }))
  // A value that is a real one for that field would be written: those are the valid test's.
  .filter(({ backendRef: b }) => !isValidBackendRef(b));
const removes = eachFieldHostile(
  fc.record({
    kind: fc.constant('RemoveBackend'),
    target,
    routeKind: fc.oneof(fc.constant('rules'), fc.constantFrom('http', 'tcp')),
    routeIndex: fc.integer({ min: -2, max: 3 }),
    backendIndex: fc.integer({ min: -2, max: 3 }),
  }),
);

function isValidBackendRef(b: Record<string, unknown>): boolean {
  const name =
    typeof b.name === 'string' &&
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(b.name);
  const group = b.group === undefined || (typeof b.group === 'string' && /^$|^[a-z0-9.-]+$/.test(b.group));
  const kind = b.kind === undefined || (typeof b.kind === 'string' && /^[a-zA-Z][-a-zA-Z0-9]*$/.test(b.kind));
  const namespace =
    b.namespace === undefined ||
    (typeof b.namespace === 'string' && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(b.namespace));
  const port = Number.isInteger(b.port) && (b.port as number) >= 1 && (b.port as number) <= 65535;
  const filters = b.filters === undefined || (Array.isArray(b.filters) && b.filters.length === 0);
  return name && group && kind && namespace && port && filters;
}

describe('AddBackend and RemoveBackend, fuzzed (files backend)', () => {
  let demo: Awaited<ReturnType<typeof useDemoFolder>>;
  beforeAll(async () => {
    demo = await useDemoFolder();
    await writeFile(join(demo.folder, ROUTE_FILE), ROUTE);
  });
  afterAll(() => demo.cleanup());

  it('answers each hostile change with a 4xx naming the field, never a 5xx, and writes nothing', {
    timeout: 600_000,
  }, async () => {
    const { store } = await getStore();
    await until('the HTTPRoute in the store', () => store.get(ref));
    const before = await demo.fingerprint();
    const history = () => readFile(join(demo.folder, HISTORY_FILE), 'utf8').catch(() => '');
    const startHistory = await history();
    const changes = fc.oneof(adds, badBackendRefs, removes);
    for (const path of ['/api/changes', '/api/preview', '/api/export'] as WriteEndpoint[]) {
      await fc.assert(
        fc.asyncProperty(changes, async (change) => {
          const resourceVersion = store.get(ref)?.metadata.resourceVersion ?? '';
          expectRefused(await send(path, JSON.stringify({ change, resourceVersion }) ?? 'null'));
        }),
        { numRuns: Number(process.env.WEIR_FUZZ_RUNS ?? 60) },
      );
    }
    expect(await demo.fingerprint()).toBe(before);
    expect(await history()).toBe(startHistory);
  });

  it('refuses the last backend with the reason, naming backendIndex, and writes nothing', async () => {
    const { store } = await getStore();
    const single = ROUTE.replace(/ {4}- name: cart-v2\n {6}port: 8080\n {6}weight: 10\n/, '');
    await writeFile(join(demo.folder, ROUTE_FILE), single);
    await until('the one-backend HTTPRoute in the store', () => {
      const object = store.get(ref) as { spec?: { rules?: Array<{ backendRefs?: unknown[] }> } } | undefined;
      return object?.spec?.rules?.[0]?.backendRefs?.length === 1 ? object : undefined;
    });
    const change = { kind: 'RemoveBackend', target: ref, routeKind: 'rules', routeIndex: 0, backendIndex: 0 };
    const resourceVersion = store.get(ref)?.metadata.resourceVersion ?? '';
    const answer = await send('/api/changes', JSON.stringify({ change, resourceVersion }));
    expectRefused(answer);
    expect(answer.json.error?.message).toMatch(/only this backend: a rule must send its traffic somewhere/);
    expect(JSON.stringify(answer.json.error?.fields)).toContain('"path":"backendIndex"');
    expect(await readFile(join(demo.folder, ROUTE_FILE), 'utf8')).toBe(single);
    await writeFile(join(demo.folder, ROUTE_FILE), ROUTE);
    await until('the two-backend HTTPRoute in the store', () => {
      const object = store.get(ref) as { spec?: { rules?: Array<{ backendRefs?: unknown[] }> } } | undefined;
      return object?.spec?.rules?.[0]?.backendRefs?.length === 2 ? object : undefined;
    });
  });

  // An existing Service (the validation gate refuses a backend to one that does not exist).
  it('writes a valid addition and removal (so the refusals above are not the endpoint refusing everything)', async () => {
    const { store } = await getStore();
    const version = () => store.get(ref)?.metadata.resourceVersion ?? '';
    const added = await send(
      '/api/changes',
      JSON.stringify({
        change: {
          kind: 'AddBackend',
          target: ref,
          routeKind: 'rules',
          routeIndex: 0,
          backendRef: { name: 'catalog', port: 8080 },
        },
        resourceVersion: version(),
      }),
    );
    expect(added.status, JSON.stringify(added.json)).toBe(200);
    const file = () => readFile(join(demo.folder, ROUTE_FILE), 'utf8');
    expect(await file()).toMatch(/- name: catalog\n\s+port: 8080\n\s+weight: 0/);
    expect(await file()).toContain('weight: 90');
    await until('the addition in the store', () => {
      const object = store.get(ref) as { spec?: { rules?: Array<{ backendRefs?: unknown[] }> } } | undefined;
      return object?.spec?.rules?.[0]?.backendRefs?.length === 3 ? object : undefined;
    });
    const removed = await send(
      '/api/changes',
      JSON.stringify({
        change: { kind: 'RemoveBackend', target: ref, routeKind: 'rules', routeIndex: 0, backendIndex: 2 },
        resourceVersion: version(),
      }),
    );
    expect(removed.status, JSON.stringify(removed.json)).toBe(200);
    expect(await file()).not.toContain('catalog');
  });
});
