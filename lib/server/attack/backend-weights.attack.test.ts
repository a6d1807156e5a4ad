import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../../tools/test/until';
import { HISTORY_FILE } from '../history/file-history';
import { getStore } from '../store';
import { CART_ROUTE, expectRefused, send, useDemoFolder, type WriteEndpoint } from './attack-kit';

// SetBackendWeights (a Gateway API rule's weights) through every endpoint that takes a change,
// against a real HTTPRoute in a copy of the demo folder: hostile shares, rule indexes, totals,
// targets and names — a 4xx naming the field, never a 5xx, nothing written.

const hostile = fc.oneof(
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
);

const nearlyValid = fc
  .record({
    kind: fc.constant('SetBackendWeights'),
    target: fc.record({
      kind: fc.oneof(fc.constantFrom('HTTPRoute', 'GRPCRoute', 'KubernetesGateway', 'Gateway'), fc.string()),
      namespace: fc.constantFrom('shop', '..', 'Shop', ''),
      name: fc.constantFrom('cart', 'cart/../x', 'missing', '\u202ecart'),
    }),
    routeKind: fc.oneof(fc.constant('rules'), fc.constantFrom('http', 'tcp'), fc.string()),
    routeIndex: fc.oneof(fc.integer({ min: -2, max: 3 }), hostile),
    weights: fc.oneof(
      fc.array(fc.integer({ min: -200, max: 200 }), { maxLength: 4 }),
      fc.array(fc.double({ min: -1, max: 101 }), { maxLength: 3 }),
      hostile,
    ),
    total: fc.oneof(fc.integer({ min: -5, max: 2_000_000 }), hostile),
    // An undo's exact weights (null: no weight field).
    written: fc.oneof(
      fc.array(fc.oneof(fc.integer({ min: -5, max: 2_000_000 }), fc.constant(null), fc.double()), {
        maxLength: 3,
      }),
      hostile,
    ),
  })
  // Each field hostile in turn, the rest close to a real change.
  .chain((base) =>
    fc.constantFrom(...Object.keys(base)).chain((key) => hostile.map((v) => ({ ...base, [key]: v }))),
  );

describe('SetBackendWeights, fuzzed (files backend)', () => {
  let demo: Awaited<ReturnType<typeof useDemoFolder>>;
  beforeAll(async () => {
    demo = await useDemoFolder();
    await writeFile(join(demo.folder, CART_ROUTE.file), CART_ROUTE.yaml);
  });
  afterAll(() => demo.cleanup());

  it('answers each hostile change with a 4xx naming the field, never a 5xx, and writes nothing', {
    timeout: 600_000,
  }, async () => {
    const { store } = await getStore();
    const { ref } = CART_ROUTE;
    await until('the HTTPRoute in the store', () => store.get(ref));
    const before = await demo.fingerprint();
    const history = () => readFile(join(demo.folder, HISTORY_FILE), 'utf8').catch(() => '');
    const startHistory = await history();
    for (const path of ['/api/changes', '/api/preview', '/api/export'] as WriteEndpoint[]) {
      await fc.assert(
        fc.asyncProperty(nearlyValid, async (change) => {
          const resourceVersion = store.get(ref)?.metadata.resourceVersion ?? '';
          expectRefused(await send(path, JSON.stringify({ change, resourceVersion }) ?? 'null'));
        }),
        { numRuns: Number(process.env.WEIR_FUZZ_RUNS ?? 60) },
      );
    }
    expect(await demo.fingerprint()).toBe(before);
    expect(await history()).toBe(startHistory);
  });

  it('writes a valid change (so the refusals above are not the endpoint refusing everything)', async () => {
    const { store } = await getStore();
    const { ref } = CART_ROUTE;
    const change = {
      kind: 'SetBackendWeights',
      target: ref,
      routeKind: 'rules',
      routeIndex: 0,
      weights: [70, 30],
    };
    const resourceVersion = store.get(ref)?.metadata.resourceVersion ?? '';
    const { status, json } = await send('/api/changes', JSON.stringify({ change, resourceVersion }));
    expect(status, JSON.stringify(json)).toBe(200);
    expect(await readFile(join(demo.folder, 'cart-route.yaml'), 'utf8')).toContain('weight: 70');
    // An undo's exact weights: none written where none were.
    const undo = { ...change, weights: [50, 50], written: [null, null] };
    const version = store.get(ref)?.metadata.resourceVersion ?? '';
    const answer = await send('/api/changes', JSON.stringify({ change: undo, resourceVersion: version }));
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    expect(await readFile(join(demo.folder, 'cart-route.yaml'), 'utf8')).not.toContain('weight:');
  });
});
