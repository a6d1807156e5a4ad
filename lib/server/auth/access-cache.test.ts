import { describe, expect, it, vi } from 'vitest';
import { AccessCache } from './access-cache';

describe('AccessCache', () => {
  it('answers a repeated question from the cache until the TTL passes', async () => {
    let now = 0;
    const cache = new AccessCache(30_000, () => now);
    const review = vi.fn(async () => true);
    expect(await cache.get('p|list', review)).toBe(true);
    now = 29_000;
    expect(await cache.get('p|list', review)).toBe(true);
    expect(review).toHaveBeenCalledTimes(1);
    now = 30_001;
    await cache.get('p|list', review);
    expect(review).toHaveBeenCalledTimes(2);
  });

  it('shares one review between concurrent asks', async () => {
    const cache = new AccessCache();
    const review = vi.fn(() => new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5)));
    const answers = await Promise.all([
      cache.get('k', review),
      cache.get('k', review),
      cache.get('k', review),
    ]);
    expect(answers).toEqual([false, false, false]);
    expect(review).toHaveBeenCalledTimes(1);
  });

  it('does not keep a review that failed', async () => {
    const cache = new AccessCache();
    await expect(cache.get('k', () => Promise.reject(new Error('unreachable')))).rejects.toThrow(
      'unreachable',
    );
    expect(await cache.get('k', async () => true)).toBe(true);
  });

  it('forgets one person without touching another', async () => {
    const cache = new AccessCache();
    await cache.get('a|x', async () => true);
    await cache.get('b|x', async () => true);
    cache.forget('a|');
    const again = vi.fn(async () => false);
    expect(await cache.get('a|x', again)).toBe(false);
    expect(await cache.get('b|x', again)).toBe(true);
    expect(again).toHaveBeenCalledTimes(1);
  });
});
