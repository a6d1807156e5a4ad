import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getOverview } from '@/app/api/overview/route';
import { GET as getSearch } from '@/app/api/search/route';
import type { OverviewAnswer, SearchAnswer } from '@/lib/api/overview';
import { useDemoFolder } from './attack-kit';

const NAMES = ['q', 'namespace', 'at', 'Q', '__proto__', 'constructor', 'limit', ''];
const VALUES = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '',
    ' ',
    'shop',
    'catalog',
    '\u0000',
    '\r\n',
    '%',
    '*',
    '.*',
    '__proto__',
    'x'.repeat(300),
    '2025-01-01',
  ),
);
const QUERY = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 6 })), VALUES), {
  maxLength: 5,
});

async function call(route: (request: Request) => Promise<Response>, path: string, query: [string, string][]) {
  const search = new URLSearchParams(query).toString();
  const response = await route(new Request(`http://weir.test${path}${search ? `?${search}` : ''}`));
  const body = (await response.json()) as { error?: { message: string } };
  return { status: response.status, body };
}

describe('GET /api/overview and /api/search with hostile query parameters', () => {
  let demo: Awaited<ReturnType<typeof useDemoFolder>>;
  let before: string;
  beforeAll(async () => {
    demo = await useDemoFolder();
    before = await demo.fingerprint();
  });
  afterAll(() => demo.cleanup());

  it('answer 200 or a 4xx naming the parameter, never a 5xx, and write nothing', async () => {
    const seen = { overview: new Set<number>(), search: new Set<number>() };
    await fc.assert(
      fc.asyncProperty(QUERY, async (query) => {
        const overview = await call(getOverview, '/api/overview', query);
        seen.overview.add(overview.status);
        expect(overview.status === 200 || overview.status === 422).toBe(true);
        if (overview.status === 422) expect(overview.body.error?.message).toMatch(/^(namespace|at): /);
        else expect((overview.body as unknown as OverviewAnswer).namespaces.length).toBeGreaterThan(0);

        const search = await call(getSearch, '/api/search', query);
        seen.search.add(search.status);
        expect(search.status === 200 || search.status === 422).toBe(true);
        if (search.status === 422) expect(search.body.error?.message).toMatch(/^q: /);
        else expect(Array.isArray((search.body as unknown as SearchAnswer).hits)).toBe(true);
      }),
      { numRuns: 150 },
    );
    expect([...seen.search].sort()).toEqual([200, 422]);
    expect(await demo.fingerprint()).toBe(before);
  }, 60_000);

  it('finds where a host lives, and sums the demo mesh by namespace', async () => {
    const search = await call(getSearch, '/api/search', [['q', 'catalog']]);
    const answer = search.body as unknown as SearchAnswer;
    expect(answer.hits[0]).toMatchObject({ namespace: 'shop', name: 'catalog' });
    const overview = (await call(getOverview, '/api/overview', [])).body as unknown as OverviewAnswer;
    expect(overview.large).toBe(false);
    expect(overview.namespaces.map((summary) => summary.name)).toEqual([
      'istio-system',
      'legacy',
      'payments',
      'shop',
    ]);
    const shop = overview.namespaces.find((summary) => summary.name === 'shop');
    expect(shop?.counts.virtualServices).toBeGreaterThan(0);
    expect(shop?.problems).toBeDefined();
  });
});
