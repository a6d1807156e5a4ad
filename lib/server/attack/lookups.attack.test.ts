import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getLastCommit } from '@/app/api/last-commit/route';
import { useDemoFolder } from './attack-kit';

describe('lookups by a name from the request find only what exists (item 13)', () => {
  let demo: Awaited<ReturnType<typeof useDemoFolder>>;
  beforeAll(async () => {
    demo = await useDemoFolder();
  });
  afterAll(() => demo.cleanup());

  const lastCommit = (key: string) =>
    getLastCommit(new Request(`http://weir.test/api/last-commit?key=${encodeURIComponent(key)}`));

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', '__defineGetter__'])(
    '/api/last-commit?key=%s is 404, not an object prototype member',
    async (key) => {
      const response = await lastCommit(key);
      expect(response.status).toBe(404);
      expect((await response.json()).error.message).toBe(`${key} does not exist`);
    },
  );

  it('a key that exists is still found', async () => {
    const response = await lastCommit('VirtualService/shop/catalog');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ commit: null });
  });
});
