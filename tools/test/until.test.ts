import { describe, expect, it } from 'vitest';
import { until } from './until';

describe('until', () => {
  it('returns the first value the check gives', async () => {
    let calls = 0;
    await expect(
      until('the third call', () => (++calls >= 3 ? calls : false), { intervalMs: 1 }),
    ).resolves.toBe(3);
  });

  it('throws with what it waited for when the time is up', async () => {
    await expect(until('the store to sync', () => false, { timeoutMs: 30, intervalMs: 5 })).rejects.toThrow(
      'timed out after 30 ms waiting for the store to sync',
    );
  });
});
