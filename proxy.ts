import { type NextRequest, NextResponse } from 'next/server';
import { pageCsp } from './lib/server/auth/security-headers';

const SESSION_COOKIE = 'weir_session';

/**
 * Before every page: a fresh nonce for the Content-Security-Policy (Next reads it from the
 * request's CSP header and puts it on its scripts), and, with WEIR_AUTH=token or oidc, a page asked
 * for without a session cookie goes to the sign-in page. That is only the optimistic check:
 * every API route resolves the session itself and answers 401 without a live one, and the home
 * page resolves it before reading its first paint (a cookie naming no live session: to sign-in).
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const signIn = process.env.WEIR_AUTH === 'token' || process.env.WEIR_AUTH === 'oidc';
  if (signIn && pathname !== '/sign-in' && !request.cookies.has(SESSION_COOKIE)) {
    const target = new URL('/sign-in', request.url);
    if (pathname !== '/' || search) target.searchParams.set('next', `${pathname}${search}`);
    return NextResponse.redirect(target);
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const forwardedProto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  const csp = pageCsp(nonce, {
    dev: process.env.NODE_ENV === 'development',
    https: (forwardedProto ?? request.nextUrl.protocol.replace(':', '')) === 'https',
  });
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', csp);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: API answers, probes, metrics, built assets and icons get their headers from
      // next.config.ts (and probes must answer without a session).
      source: '/((?!api/|healthz|readyz|metrics|_next/static|_next/image|favicon.ico|icon.svg).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
