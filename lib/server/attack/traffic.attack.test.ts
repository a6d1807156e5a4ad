import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getTraffic } from '@/app/api/traffic/route';
import { trafficQueries } from '@/lib/traffic/promql';
import type { TrafficReport } from '@/lib/traffic/types';
import { createTrafficMonitor } from '../traffic/traffic-monitor';
import { useDemoFolder } from './attack-kit';

const NAMES = ['window', 'Window', 'namespace', '__proto__', 'query', ''];
const VALUES = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(
    '1m',
    '5m',
    '1h',
    '',
    ' 1m',
    '1m]) or vector(1)',
    '30s',
    '1d',
    '\u0000',
    'x'.repeat(500),
    '%',
  ),
);
const QUERY = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 6 })), VALUES), {
  maxLength: 4,
});

describe('GET /api/traffic with hostile query parameters', () => {
  let demo: Awaited<ReturnType<typeof useDemoFolder>>;
  let before: string;
  beforeAll(async () => {
    demo = await useDemoFolder();
    before = await demo.fingerprint();
  });
  afterAll(() => demo.cleanup());

  it('answers 200 or a 422 naming the parameter, never a 5xx, and writes nothing', async () => {
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(QUERY, async (query) => {
        const search = new URLSearchParams(query).toString();
        const response = await getTraffic(
          new Request(`http://weir.test/api/traffic${search ? `?${search}` : ''}`),
        );
        const body = (await response.json()) as TrafficReport & { error?: { message: string } };
        seen.add(response.status);
        expect([200, 422]).toContain(response.status);
        if (response.status === 422) {
          const names = query.map(([name]) => name.slice(0, 64));
          expect(names.some((name) => body.error?.message.startsWith(`${name}: `))).toBe(true);
        } else expect(body.status).toEqual({ state: 'off' });
      }),
      { numRuns: 200 },
    );
    expect([...seen].sort()).toEqual([200, 422]);
    expect(await demo.fingerprint()).toBe(before);
  }, 60_000);
});

describe('a Prometheus that misbehaves', () => {
  type Behaviour = (response: http.ServerResponse) => void;
  let behave: Behaviour = () => {};
  let server: http.Server;
  let url: URL;
  const queries: string[] = [];
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        queries.push(new URLSearchParams(body).get('query') ?? '');
        behave(response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const vector = (result: unknown) =>
    JSON.stringify({ status: 'success', data: { resultType: 'vector', result } });
  const cases: Array<[string, Behaviour, RegExp | 'live']> = [
    ['answers 500', (r) => r.writeHead(500).end('{"error":"boom"}'), /500: boom/],
    ['answers HTML', (r) => r.writeHead(200).end('<html>'), /not JSON/],
    [
      'answers a matrix',
      (r) =>
        r
          .writeHead(200)
          .end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [] } })),
      /instant vector/,
    ],
    ['never answers', () => {}, /did not answer within/],
    [
      'sends series Weir does not expect',
      (r) =>
        r
          .writeHead(200)
          .end(vector([{ metric: { job: 'x' }, value: [0, '1'] }, 42, { metric: {}, value: 'x' }])),
      'live',
    ],
    [
      'floods',
      (r) => {
        r.writeHead(200);
        r.end('['.repeat(17 * 1024 * 1024));
      },
      /more than|did not answer within/,
    ],
  ];
  for (const [what, behaviour, expected] of cases) {
    it(`${what}: the figures go stale with the reason (or stay empty), within the refresh`, async () => {
      behave = behaviour;
      const monitor = createTrafficMonitor({ url, refreshSeconds: 1 });
      try {
        const started = Date.now();
        await monitor.refresh();
        expect(Date.now() - started).toBeLessThan(2_500);
        const { status, windows } = monitor.report();
        if (expected === 'live') {
          expect(status.state).toBe('live');
          expect(windows['1m']).toEqual([]);
        } else expect(status).toMatchObject({ state: 'stale', reason: expect.stringMatching(expected) });
      } finally {
        monitor.stop();
      }
    }, 10_000);
  }

  it('sends only the fixed queries: no value from a request reaches PromQL', () => {
    const fixed = new Set([
      ...Object.values(trafficQueries('1m', 'raw')),
      ...Object.values(trafficQueries('1m', 'recorded')),
    ]);
    expect(queries.length).toBeGreaterThan(0);
    for (const query of queries) expect(fixed.has(query)).toBe(true);
  });
});
