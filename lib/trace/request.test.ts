import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_VALUE, normalizeRequest, traceInputSchema } from './request';

const entry = { kind: 'gateway', namespace: 'istio-system', name: 'ingress' };

function problem(request: unknown): string {
  const parsed = traceInputSchema.safeParse({ entry, request });
  if (parsed.success) return '';
  return z.prettifyError(parsed.error);
}

describe('traceInputSchema', () => {
  it.each([
    [{ port: 80, headers: { 'bad name': 'x' } }, 'request.headers'],
    [{ port: 80, path: 'no-slash' }, 'request.path'],
    [{ port: 0 }, 'request.port'],
    [{ port: 65_536 }, 'request.port'],
    [{ port: 80, headers: { big: 'x'.repeat(1_048_576) } }, 'request.headers.big'],
    [{ port: 80, authority: 'a b' }, 'request.authority'],
    [{ port: 80, method: 'GE T' }, 'request.method'],
    [{ port: 80, extra: 1 }, 'extra'],
  ])('refuses %j naming %s', (request, field) => {
    expect(problem(request)).toContain(field);
  });

  it('accepts a full request', () => {
    expect(
      problem({
        port: 443,
        method: 'POST',
        scheme: 'https',
        authority: 'shop.example.com:443',
        path: '/a?b=c',
        query: { d: 'e' },
        headers: { 'x-a': 'b' },
        sni: 'shop.example.com',
      }),
    ).toBe('');
  });
});

describe('normalizeRequest', () => {
  it('splits the query off the path, first value wins, explicit query last; header names lower-cased', () => {
    expect(
      normalizeRequest({
        port: 80,
        path: '/a?x=1&x=2&y=%20',
        query: { z: '3' },
        headers: { 'X-Beta': 'yes' },
      }),
    ).toMatchObject({
      path: '/a',
      query: { x: '1', y: ' ', z: '3' },
      headers: { 'x-beta': 'yes' },
      method: 'GET',
    });
  });

  it('keeps values up to the limit', () => {
    expect(problem({ port: 80, headers: { a: 'x'.repeat(MAX_VALUE) } })).toBe('');
  });
});
