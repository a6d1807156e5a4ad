import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, InvalidError, UnavailableError } from '../mesh/errors';
import { routeOf } from './http-observer';
import { trackStream } from './lifecycle';
import {
  countEventDelivered,
  countHistoryFailure,
  countWatchRelist,
  countWatchRestart,
  observeRequest,
  renderMetrics,
  timeValidation,
} from './metrics';
import { observeWrite, outcomeOf } from './observe-write';

/** The value of one sample line (`name{labels} value`) in the exposition, or undefined. */
function sample(text: string, line: string): number | undefined {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

const request = new Request('http://weir.test/api/changes', { headers: { 'x-request-id': 'r-1' } });
const change = { kind: 'SetWeights', target: { kind: 'VirtualService', namespace: 'shop', name: 'catalog' } };

describe('metrics', () => {
  it('exposes every documented series in Prometheus text format', async () => {
    observeRequest('/api/graph', 'GET', 200, 0.02);
    countEventDelivered();
    countWatchRestart('VirtualService');
    countWatchRelist('VirtualService');
    countHistoryFailure('weir');
    timeValidation(() => 1);
    const untrack = trackStream(() => {});
    const { text, contentType } = await renderMetrics(() => new Date(Date.now() - 30_000).toISOString());
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of [
      'weir_http_request_duration_seconds_bucket{le="0.025",route="/api/graph",method="GET",status="200"}',
      'weir_events_delivered_total',
      'weir_watch_restarts_total{kind="VirtualService"}',
      'weir_watch_relists_total{kind="VirtualService"}',
      'weir_history_record_failures_total{source="weir"}',
      'weir_validation_duration_seconds_count',
    ])
      expect(sample(text, name), name).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'weir_sse_clients')).toBe(1);
    untrack();
    expect(sample(text, 'weir_seconds_since_last_sync')).toBeGreaterThanOrEqual(29);
    expect(text).toContain('process_cpu_seconds_total');
    expect(text).toContain('nodejs_heap_size_used_bytes');
    const synced = await renderMetrics(() => undefined);
    expect(sample(synced.text, 'weir_seconds_since_last_sync')).toBe(0);
  });

  it('counts each write once by its outcome', async () => {
    const before = (await renderMetrics(() => undefined)).text;
    const count = (text: string, outcome: string) =>
      sample(text, `weir_writes_total{outcome="${outcome}"}`) ?? 0;
    await observeWrite(
      { request, user: 'olivia', change },
      Promise.resolve({ rebased: false, summary: 'v2 25%' }),
    );
    await observeWrite({ request, user: 'olivia', change }, Promise.resolve({ rebased: true }));
    await expect(
      observeWrite({ request, user: 'olivia', change }, Promise.reject(new ConflictError('changed'))),
    ).rejects.toThrow('changed');
    const after = (await renderMetrics(() => undefined)).text;
    expect(count(after, 'applied') - count(before, 'applied')).toBe(1);
    expect(count(after, 'rebased') - count(before, 'rebased')).toBe(1);
    expect(count(after, 'conflict') - count(before, 'conflict')).toBe(1);
  });

  it('names each outcome from the result or the error’s code', () => {
    expect(outcomeOf({ rebased: false }, undefined)).toBe('applied');
    expect(outcomeOf({ rebased: true }, undefined)).toBe('rebased');
    expect(outcomeOf({ rebased: false }, undefined, true)).toBe('dry-run');
    expect(outcomeOf({ rebased: false, unchanged: true }, undefined)).toBe('unchanged');
    expect(outcomeOf(undefined, new ConflictError('x'))).toBe('conflict');
    expect(outcomeOf(undefined, new InvalidError('x'))).toBe('refused');
    expect(outcomeOf(undefined, new ForbiddenError('x'))).toBe('forbidden');
    expect(outcomeOf(undefined, new UnavailableError('x'))).toBe('failed');
    expect(outcomeOf(undefined, new Error('x'))).toBe('failed');
  });

  it('labels requests by route, never by query or by whatever a client made up', () => {
    expect(routeOf('/api/graph?namespace=shop', 200)).toBe('/api/graph');
    expect(routeOf('/api/auth/oidc/callback?code=secret', 302)).toBe('/api/auth/oidc/callback');
    expect(routeOf('/_next/static/chunks/x.js', 200)).toBe('/_next');
    expect(routeOf('/no/such/page', 404)).toBe('unmatched');
    expect(routeOf('/%3Cscript%3E', 200)).toBe('other');
    expect(routeOf('/a/b/c/d/e/f', 200)).toBe('other');
  });
});
