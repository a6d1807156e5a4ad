import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getSession } from '@/app/api/session/route';
import { GET as getSnapshot } from '@/app/api/snapshot/route';
import { paintedView as firstPaint, useDemoFolder } from './attack-kit';

/** An answer as JSON, without the time the store last confirmed its data (each read says "now"). */
function asAnswered(value: unknown): unknown {
  const answer = JSON.parse(JSON.stringify(value ?? null)) as { sync?: { syncedAt?: string } } | null;
  if (answer?.sync) delete answer.sync.syncedAt;
  return answer;
}

/** The home page's query string, as a hostile address could make it. */
const hostileParams = fc
  .array(
    fc.tuple(
      fc.constantFrom('namespace', 'at', 'trace', 'next', '__proto__', 'constructor'),
      fc.oneof(
        fc.string(),
        fc.constantFrom(
          'shop',
          'payments',
          '',
          '..',
          '__proto__',
          'Shop',
          'a'.repeat(300),
          '2026-01-01T00:00:00Z',
        ),
      ),
    ),
    { maxLength: 120 },
  )
  .map((pairs) => new URLSearchParams(pairs));

describe('the home page reads for its first paint exactly what the API would answer (issue 12, item 7)', () => {
  let demo: Awaited<ReturnType<typeof useDemoFolder>>;
  beforeAll(async () => {
    demo = await useDemoFolder();
  });
  afterAll(() => demo.cleanup());

  it('holds the same snapshot and session as GET /api/snapshot and /api/session', async () => {
    const first = await firstPaint(new Headers(), new URLSearchParams('namespace=shop'));
    const snapshot = await getSnapshot(new Request('http://weir.test/api/snapshot?namespace=shop'));
    const session = await getSession(new Request('http://weir.test/api/session'));
    expect(first.signIn).toBe(false);
    expect(first.past).toBeUndefined();
    expect(first.snapshot?.sequence).toBeGreaterThan(0);
    expect(asAnswered(first.snapshot)).toEqual(asAnswered(await snapshot.json()));
    expect(asAnswered(first.session)).toEqual(asAnswered(await session.json()));
  });

  it('a past point in time is read as GET /api/snapshot?at= reads it, without the live snapshot', async () => {
    const at = new Date().toISOString();
    const first = await firstPaint(new Headers(), new URLSearchParams({ at }));
    expect(first.snapshot).toBeUndefined();
    const past = await getSnapshot(new Request(`http://weir.test/api/snapshot?at=${encodeURIComponent(at)}`));
    expect(asAnswered(first.past)).toEqual(asAnswered(await past.json()));
  });

  it('a view the API would refuse is left to the browser (which shows the refusal), never an error of the page', async () => {
    for (const query of ['namespace=Not_A_Namespace', 'at=yesterday']) {
      const first = await firstPaint(new Headers(), new URLSearchParams(query));
      expect(first).toMatchObject({ signIn: false, snapshot: undefined, past: undefined });
      expect(first.session).toBeDefined();
    }
  });

  it('any address and any cookie: no throw, a snapshot only for a view the API accepts, nothing written', async () => {
    const before = await demo.fingerprint();
    await fc.assert(
      fc.asyncProperty(hostileParams, fc.string(), async (params, cookie) => {
        const headers = new Headers();
        try {
          headers.set('cookie', cookie);
        } catch {
          // Not a header value at all: the browser could not send it.
        }
        const first = await firstPaint(headers, params);
        expect(first.signIn).toBe(false);
        // What the browser asks for that view: a past time on its own, else the namespaces.
        const at = params.get('at');
        const asked = new URLSearchParams(
          at ? { at } : params.getAll('namespace').map((namespace) => ['namespace', namespace]),
        ).toString();
        const api = await getSnapshot(
          new Request(`http://weir.test/api/snapshot${asked ? `?${asked}` : ''}`),
        );
        expect(api.status).toBeLessThan(500);
        // What the page holds is exactly what the browser would have been answered.
        const held = at ? first.past : first.snapshot;
        if (api.status === 200) expect(asAnswered(held)).toEqual(asAnswered(await api.json()));
        else expect(held).toBeUndefined();
      }),
      { numRuns: 150 },
    );
    expect(await demo.fingerprint()).toBe(before);
  });
});
