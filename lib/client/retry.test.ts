import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { shouldRetry } from './retry';

describe('shouldRetry', () => {
  it('never retries a 4xx answer', () => {
    for (const status of [400, 401, 403, 404, 409, 422]) {
      expect(shouldRetry(0, new ApiError('X', status, 'no'))).toBe(false);
    }
  });

  it('retries network failures and 5xx a few times', () => {
    expect(shouldRetry(0, new ApiError('Unavailable', 0, 'down'))).toBe(true);
    expect(shouldRetry(2, new ApiError('Unavailable', 503, 'down'))).toBe(true);
    expect(shouldRetry(3, new ApiError('Unavailable', 503, 'down'))).toBe(false);
    expect(shouldRetry(1, new TypeError('boom'))).toBe(true);
  });
});
