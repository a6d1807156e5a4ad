import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getEvents } from '@/app/api/events/route';
import { GET as getFindings } from '@/app/api/findings/route';
import { GET as getReport } from '@/app/api/report/route';
import { GET as getHistory } from '@/app/api/traffic/history/route';
import type { ShareHistory } from '@/lib/api/traffic';
import { QUERY_NAMES, trafficQueries } from '@/lib/traffic/promql';
import { TRAFFIC_WINDOWS } from '@/lib/traffic/types';
import {
  istioSeries,
  type LoopbackPrometheus,
  startLoopbackPrometheus,
} from '@/tools/test/loopback-prometheus';
import type { TrafficMonitor } from '../traffic/traffic-monitor';
import { useDemoFolder } from './attack-kit';

// The endpoints that now carry traffic figures (/api/findings, /api/report, /api/events), with
// Prometheus configured, against hostile query parameters: a 2xx or a 4xx whose message names
// the parameter, never a 5xx, nothing written — and nothing from the request reaches PromQL
// but a whole number of seconds for a report's period.

const NAMES = ['namespace', 'from', 'to', 'at', 'format', 'window', 'name', 'kind', 'index', '__proto__', ''];
const VALUES = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(
    'shop',
    'catalog',
    'http',
    '0',
    '5m',
    'json',
    'md',
    '2026-12-02T10:00:00Z',
    '1970-01-01T00:00:00Z',
    '0001-01-01T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '1',
    '1m]) or vector(1)',
    '"} or up{',
    '\u0000',
    'x'.repeat(500),
    '%',
  ),
);
const QUERY = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 6 })), VALUES), {
  maxLength: 4,
});

const FIXED = new Set(
  TRAFFIC_WINDOWS.flatMap((window) =>
    (['raw', 'recorded'] as const).flatMap((source) =>
      QUERY_NAMES.map((name) => trafficQueries(window, source)[name]),
    ),
  ),
);
// A sparkline's history: the route's hosts, each a DNS name, recorded or raw.
const HISTORY =
  /^(weir:istio_requests:rate1m\{destination_service="[a-z0-9.-]+"\}|sum by \([a-z_, ]+\) \(rate\(istio_requests_total\{reporter="source",destination_service="[a-z0-9.-]+"\}\[1m\]\)\))( or .*)?$/;
// A report's period: the raw counters' rate over it (requests, 5xx, TCP bytes sent, TCP connections).
const PERIOD =
  /^sum by \([a-z_, ]+\) \(rate\((istio_requests_total\{reporter="source"(,response_code=~"5\.\.")?\}|istio_tcp_(sent_bytes|connections_opened)_total\{reporter="source"\})\[\d+s\]\)\)$/;

const REQUIRED: Record<string, string[]> = { '/api/traffic/history': ['namespace', 'name', 'kind', 'index'] };

describe('traffic-carrying endpoints with hostile query parameters', () => {
  let demo: Awaited<ReturnType<typeof useDemoFolder>>;
  let before: string;
  let prometheus: LoopbackPrometheus;
  const queries = () => prometheus.queries;
  const holder = globalThis as { __weirTraffic?: TrafficMonitor | null };

  beforeAll(async () => {
    demo = await useDemoFolder();
    before = await demo.fingerprint();
    // A loopback Prometheus answering every query with one catalog series.
    const metric = istioSeries('catalog', 'shop', 'catalog-v2', 'v2');
    prometheus = await startLoopbackPrometheus((_query, range) => ({
      data: range
        ? {
            resultType: 'matrix',
            result: [
              {
                metric,
                values: [
                  [1, '1'],
                  [2, '2'],
                ],
              },
            ],
          }
        : { resultType: 'vector', result: [{ metric, value: [0, '1'] }] },
    }));
    process.env.WEIR_PROMETHEUS_URL = prometheus.url;
    process.env.WEIR_PROMETHEUS_REFRESH_SECONDS = '1';
    holder.__weirTraffic = undefined;
  });
  afterAll(async () => {
    holder.__weirTraffic?.stop();
    holder.__weirTraffic = undefined;
    delete process.env.WEIR_PROMETHEUS_URL;
    delete process.env.WEIR_PROMETHEUS_REFRESH_SECONDS;
    await prometheus.stop();
    await demo.cleanup();
  });

  const endpoints = [
    ['/api/findings', getFindings],
    ['/api/report', getReport],
    ['/api/events', getEvents],
    ['/api/traffic/history', getHistory],
  ] as const;

  for (const [path, handler] of endpoints) {
    it(`${path}: a 2xx or a 4xx naming the parameter, never a 5xx; nothing written`, async () => {
      const seen = new Set<number>();
      await fc.assert(
        fc.asyncProperty(QUERY, async (query) => {
          const search = new URLSearchParams(query).toString();
          const abort = new AbortController();
          const response = await handler(
            new Request(`http://weir.test${path}${search ? `?${search}` : ''}`, { signal: abort.signal }),
          );
          seen.add(response.status);
          try {
            expect(response.status).toBeLessThan(500);
            if (response.status >= 400) {
              const body = (await response.json()) as { error?: { message: string } };
              // The parameter given wrong, or (history) the one missing.
              const names = [...query.map(([name]) => name.slice(0, 64)), ...(REQUIRED[path] ?? [])];
              expect(names.some((name) => body.error?.message.startsWith(name || ':'))).toBe(true);
            }
          } finally {
            abort.abort();
            await response.body?.cancel().catch(() => {});
          }
        }),
        { numRuns: path === '/api/report' ? 40 : 120 },
      );
      if (path !== '/api/traffic/history') expect([...seen].some((status) => status < 300)).toBe(true);
      expect(await demo.fingerprint()).toBe(before);
    }, 120_000);
  }

  it('answers the history of a route that exists', async () => {
    const response = await getHistory(
      new Request(
        'http://weir.test/api/traffic/history?window=5m&namespace=shop&name=catalog&kind=http&index=0',
      ),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as ShareHistory;
    expect(body.unavailable).toBeUndefined();
    expect(body.points.map((p) => p.time)).toEqual([1, 2]);
    // The route writes `catalog`: the query names the cluster's host, as Istio's metrics do.
    expect(queries()).toContain(
      'weir:istio_requests:rate1m{destination_service="catalog.shop.svc.cluster.local"}',
    );
    expect(body.points[0]?.shares['weight:VirtualService/shop/catalog/http/0/1']).toBe(1);
    const missing = await getHistory(
      new Request('http://weir.test/api/traffic/history?namespace=shop&name=nothing&kind=http&index=0'),
    );
    expect(missing.status).toBe(404);
  });

  it('sent Prometheus only the fixed queries, period queries of whole seconds and history of DNS names', () => {
    expect(queries().some((query) => PERIOD.test(query))).toBe(true);
    expect(
      queries().some((query) => PERIOD.test(query) && query.includes('istio_tcp_sent_bytes_total')),
    ).toBe(true);
    expect(queries().some((query) => HISTORY.test(query))).toBe(true);
    for (const query of queries())
      expect(FIXED.has(query) || PERIOD.test(query) || HISTORY.test(query)).toBe(true);
  });
});
