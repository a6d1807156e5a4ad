import 'server-only';
import { FLOW_TTL_MS } from './oidc-flows';

/** The cookie that names a server-side session: an opaque random id, nothing else. */
export const SESSION_COOKIE = 'weir_session';

/** The cookie that names a sign-in under way at the OpenID provider (oidc-flows.ts). */
export const FLOW_COOKIE = 'weir_oidc_flow';

function readCookie(request: Request, cookie: string): string | undefined {
  const header = request.headers.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === cookie) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** The session id a request carries, if any. */
export function readSessionId(request: Request): string | undefined {
  return readCookie(request, SESSION_COOKIE);
}

/** The id of the sign-in this browser started, if any. */
export function readFlowId(request: Request): string | undefined {
  return readCookie(request, FLOW_COOKIE);
}

// Secure only where the browser reached Weir over HTTPS (directly or through a proxy): a
// Secure cookie sent over plain http://127.0.0.1 would never come back.
function secure(request: Request): boolean {
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  return (forwarded ?? new URL(request.url).protocol.replace(':', '')) === 'https';
}

interface CookieScope {
  path: string;
  sameSite: 'Strict' | 'Lax';
  /** Seconds the browser keeps it; without, until the browser closes. */
  maxAge?: number;
}

// The session lives on the whole site; SameSite=Strict keeps it off requests other sites start.
const SESSION_SCOPE: CookieScope = { path: '/', sameSite: 'Strict' };
// Only for the oidc routes, as long as the flow itself (oidc-flows.ts). SameSite=Lax, not
// Strict: the provider sends the person back with a cross-site navigation.
const FLOW_SCOPE: CookieScope = { path: '/api/auth/oidc', sameSite: 'Lax', maxAge: FLOW_TTL_MS / 1000 };

/** Set-Cookie for an httpOnly cookie (no script reads it); an empty value with Max-Age=0 removes it. */
function setCookie(request: Request, name: string, value: string, scope: CookieScope): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${scope.path}`,
    'HttpOnly',
    `SameSite=${scope.sameSite}`,
    ...(scope.maxAge === undefined ? [] : [`Max-Age=${scope.maxAge}`]),
    ...(secure(request) ? ['Secure'] : []),
  ].join('; ');
}

/** Set-Cookie for a new session. */
export const sessionCookie = (request: Request, id: string) =>
  setCookie(request, SESSION_COOKIE, id, SESSION_SCOPE);

/** Set-Cookie that removes the session cookie. */
export const clearedSessionCookie = (request: Request) =>
  setCookie(request, SESSION_COOKIE, '', { ...SESSION_SCOPE, maxAge: 0 });

/** Set-Cookie for a sign-in under way at the provider. */
export const flowCookie = (request: Request, id: string) => setCookie(request, FLOW_COOKIE, id, FLOW_SCOPE);

/** Set-Cookie that removes the sign-in-under-way cookie. */
export const clearedFlowCookie = (request: Request) =>
  setCookie(request, FLOW_COOKIE, '', { ...FLOW_SCOPE, maxAge: 0 });
