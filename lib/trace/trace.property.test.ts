import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snapshotFromYaml } from '../validate/yaml-fixtures';
import { traceRequest } from './trace';

const demo = join(__dirname, '../../demo/mesh');
const snapshot = snapshotFromYaml(
  readdirSync(demo).map((file) => ({ file, text: readFileSync(join(demo, file), 'utf8') })),
);

const requests = fc.record({
  port: fc.constantFrom(80, 443, 8080, 9080, 15000),
  authority: fc.constantFrom(
    'shop.example.com',
    'catalog',
    'checkout',
    'cart',
    'payments.payments',
    'nowhere.test',
  ),
  path: fc.oneof(
    fc.constantFrom('/', '/shop', '/shop/', '/api/catalog/1', '/SHOP'),
    fc.webPath().map((p) => `/${p.replace(/^\/+/, '')}`),
  ),
  headers: fc.dictionary(
    fc.constantFrom('x-beta-tester', 'user-agent', 'x-user'),
    fc.constantFrom('true', 'false', 'Mobile'),
  ),
});
const entries = fc.constantFrom(
  { kind: 'gateway' as const, namespace: 'shop', name: 'shop-gateway' },
  { kind: 'mesh' as const, namespace: 'shop' },
  { kind: 'mesh' as const, namespace: 'payments', labels: { app: 'checkout' } },
);

describe('traceRequest over the demo mesh', () => {
  it('always answers, first match wins, and shares of a routed request add up to 1', () => {
    fc.assert(
      fc.property(entries, requests, (entry, request) => {
        const result = traceRequest(snapshot, { entry, request });
        const firstOk = result.tried.findIndex((t) => t.matched);
        // Envoy stops at the first match: nothing is tried after it.
        if (firstOk >= 0) expect(firstOk).toBe(result.tried.length - 1);
        expect(result.steps.at(-1)?.kind).toBe('outcome');
        if (result.outcome.kind === 'routed') {
          const total = result.destinations.reduce((sum, d) => sum + d.share, 0);
          expect(total).toBeCloseTo(1, 9);
        }
      }),
      { numRuns: 300 },
    );
  });
});
