import { describe, expect, it } from 'vitest';
import { FLOW_TTL_MS } from './oidc-flows';
import {
  clearedFlowCookie,
  clearedSessionCookie,
  flowCookie,
  readFlowId,
  readSessionId,
  sessionCookie,
} from './session-cookie';

const plain = new Request('http://127.0.0.1:3000/api/auth/sign-in');
const proxied = new Request('http://10.0.0.7:3000/api/auth/sign-in', {
  headers: { 'x-forwarded-proto': 'https' },
});

describe('session cookies', () => {
  it('keeps the session on the whole site, Strict, until the browser closes', () => {
    expect(sessionCookie(plain, 'a b')).toBe('weir_session=a%20b; Path=/; HttpOnly; SameSite=Strict');
    expect(clearedSessionCookie(plain)).toBe('weir_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0');
  });

  it('keeps a sign-in under way only for the oidc routes, Lax, as long as the flow lives', () => {
    expect(flowCookie(plain, 'f')).toBe(
      `weir_oidc_flow=f; Path=/api/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=${FLOW_TTL_MS / 1000}`,
    );
    expect(clearedFlowCookie(plain)).toBe(
      'weir_oidc_flow=; Path=/api/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=0',
    );
  });

  it('marks cookies Secure only where the browser came over HTTPS', () => {
    for (const cookie of [sessionCookie, flowCookie]) expect(cookie(proxied, 'x')).toMatch(/; Secure$/);
    for (const cookie of [clearedSessionCookie, clearedFlowCookie])
      expect(cookie(proxied)).toMatch(/; Secure$/);
  });

  it('reads back what it set', () => {
    const request = new Request('http://127.0.0.1/', {
      headers: { cookie: 'other=1; weir_session=a%20b; weir_oidc_flow=f' },
    });
    expect(readSessionId(request)).toBe('a b');
    expect(readFlowId(request)).toBe('f');
  });
});
