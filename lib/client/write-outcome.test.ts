import { describe, expect, it } from 'vitest';
import type { SetWeights } from '../mesh/changes';
import { ApiError } from './api-error';
import { failedWriteOutcome, isOutcomeUnknown, outcomeOf } from './write-outcome';
import { WriteStatusStore } from './write-status';

const change: SetWeights = {
  kind: 'SetWeights',
  target: { kind: 'VirtualService', namespace: 'shop', name: 'catalog' },
  routeKind: 'http',
  routeIndex: 0,
  weights: [50, 50],
};
const route = 'VirtualService/shop/catalog/http/0';
const unknown = new ApiError(
  'Unknown',
  504,
  'the API server did not answer within 10 s: the outcome of this write is unknown — check the object before you try again',
);

describe('a write whose outcome is unknown (504 from Weir)', () => {
  it('is told apart from every refusal and failure', () => {
    expect(isOutcomeUnknown(unknown)).toBe(true);
    expect(isOutcomeUnknown(new ApiError('Unavailable', 504, 'gateway timeout'))).toBe(true);
    for (const [code, status] of [
      ['Conflict', 409],
      ['Invalid', 422],
      ['Forbidden', 403],
      ['Unavailable', 503],
      ['Unavailable', 0],
    ] as const) {
      expect(isOutcomeUnknown(new ApiError(code, status, 'no'))).toBe(false);
    }
    expect(isOutcomeUnknown(new Error('boom'))).toBe(false);
  });

  it('is kept on its route as unknown, never as an error', () => {
    const store = new WriteStatusStore();
    store.begin(route);
    store.unknown(route, unknown, change);
    expect(store.get(route)).toEqual({ state: 'unknown', error: unknown, change });
    store.begin(route);
    expect(store.get(route)).toEqual({ state: 'saving' });
  });
});

describe('a failed write’s outcome for undo', () => {
  it('is a refusal only when the server answered with one', async () => {
    expect(failedWriteOutcome(new ApiError('Conflict', 409, 'changed'))).toBe('refused');
    expect(failedWriteOutcome(new ApiError('Unavailable', 503, 'not ready'))).toBe('refused');
    expect(failedWriteOutcome(unknown)).toBe('unknown');
    // Weir's server not reached, or the connection dropped: it may have arrived.
    expect(failedWriteOutcome(new ApiError('Unavailable', 0, 'failed to fetch'))).toBe('unknown');
    expect(failedWriteOutcome(new TypeError('network'))).toBe('unknown');
    expect(await outcomeOf(Promise.resolve(1))).toBe('landed');
    expect(await outcomeOf(Promise.reject(new ApiError('Invalid', 422, 'bad')))).toBe('refused');
    expect(await outcomeOf(Promise.reject(unknown))).toBe('unknown');
  });
});
