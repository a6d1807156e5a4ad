import { describe, expect, it } from 'vitest';
import { httpMatchCovers, l4MatchCovers, matchesEverything } from './match-covers';

describe('httpMatchCovers on one condition', () => {
  const uri = (match: Record<string, string>) => ({ uri: match });
  it('covers by exact equality, prefix and presence', () => {
    expect(httpMatchCovers(uri({ exact: '/a' }), uri({ exact: '/a' }))).toBe(true);
    expect(httpMatchCovers(uri({ prefix: '/api' }), uri({ prefix: '/api/catalog' }))).toBe(true);
    expect(httpMatchCovers(uri({ prefix: '/api' }), uri({ exact: '/api/cart' }))).toBe(true);
    expect(httpMatchCovers({ headers: { 'x-beta': {} } }, { headers: { 'x-beta': { exact: 'true' } } })).toBe(
      true,
    );
    expect(
      httpMatchCovers({ headers: { 'x-beta': { regex: '.*' } } }, { headers: { 'x-beta': { prefix: 't' } } }),
    ).toBe(true);
  });

  it('does not cover a wider or unrelated condition', () => {
    expect(httpMatchCovers(uri({ prefix: '/api/catalog' }), uri({ prefix: '/api' }))).toBe(false);
    expect(httpMatchCovers(uri({ exact: '/a' }), uri({ prefix: '/a' }))).toBe(false);
    expect(httpMatchCovers(uri({ regex: '/a.*' }), uri({ exact: '/abc' }))).toBe(false);
    expect(httpMatchCovers({ headers: { 'x-beta': { exact: 'true' } } }, { headers: { 'x-beta': {} } })).toBe(
      false,
    );
  });
});

describe('httpMatchCovers', () => {
  it('covers a narrower match: more headers, longer prefix', () => {
    const earlier = { uri: { prefix: '/api' } };
    const later = { uri: { prefix: '/api/cart' }, headers: { 'x-beta-tester': { exact: 'true' } } };
    expect(httpMatchCovers(earlier, later)).toBe(true);
    expect(httpMatchCovers({ headers: { 'X-Beta-Tester': { exact: 'true' } } }, later)).toBe(true);
  });

  it('does not cover when the earlier match asks for something the later does not', () => {
    const earlier = { uri: { prefix: '/api' }, headers: { 'x-beta-tester': { exact: 'true' } } };
    expect(httpMatchCovers(earlier, { uri: { prefix: '/api/cart' } })).toBe(false);
    expect(httpMatchCovers({ port: 80 }, { port: 8080 })).toBe(false);
    expect(httpMatchCovers({ uri: { prefix: '/a' }, ignoreUriCase: true }, { uri: { prefix: '/a' } })).toBe(
      false,
    );
    expect(httpMatchCovers({ gateways: ['a'] }, {})).toBe(false);
  });

  it('treats prefix "/" as no condition', () => {
    expect(httpMatchCovers({ uri: { prefix: '/' } }, { method: { exact: 'GET' } })).toBe(true);
    expect(matchesEverything({ name: 'all', uri: { prefix: '/' } })).toBe(true);
    expect(matchesEverything({ uri: { prefix: '/shop' } })).toBe(false);
  });
});

describe('l4MatchCovers', () => {
  it('covers a subset of SNI hosts on the same port, not another port', () => {
    expect(
      l4MatchCovers({ port: 443, sniHosts: ['a.com', 'b.com'] }, { port: 443, sniHosts: ['a.com'] }),
    ).toBe(true);
    expect(l4MatchCovers({ port: 443 }, { port: 8443 })).toBe(false);
    expect(l4MatchCovers({ sniHosts: ['a.com'] }, { sniHosts: ['a.com', 'c.com'] })).toBe(false);
  });
});
