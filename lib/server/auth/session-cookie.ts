import 'server-only';

/** The cookie that names a server-side session: an opaque random id, nothing else. */
export const SESSION_COOKIE = 'weir_session';

/** The cookie that names a sign-in under way at the OpenID provider (oidc-flows.ts). */
export const FLOW_COOKIE = 'weir_oidc_flow';
const FLOW_PATH = '/api/auth/oidc';

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

/** Set-Cookie for a new session: httpOnly (no script reads it), SameSite=Strict, whole site. */
export function sessionCookie(request: Request, id: string): string {
  return [
    `${SESSION_COOKIE}=${encodeURIComponent(id)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    ...(secure(request) ? ['Secure'] : []),
  ].join('; ');
}

/** Set-Cookie that removes the session cookie. */
export function clearedSessionCookie(request: Request): string {
  return [
    `${SESSION_COOKIE}=`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    'Max-Age=0',
    ...(secure(request) ? ['Secure'] : []),
  ].join('; ');
}

/**
 * Set-Cookie for a sign-in under way: httpOnly, ten minutes, only for the oidc routes.
 * SameSite=Lax, not Strict: the provider sends the person back with a cross-site navigation.
 */
export function flowCookie(request: Request, id: string): string {
  return [
    `${FLOW_COOKIE}=${encodeURIComponent(id)}`,
    `Path=${FLOW_PATH}`,
    'HttpOnly',
    'SameSite=Lax',
    'Max-Age=600',
    ...(secure(request) ? ['Secure'] : []),
  ].join('; ');
}

/** Set-Cookie that removes the sign-in-under-way cookie. */
export function clearedFlowCookie(request: Request): string {
  return [
    `${FLOW_COOKIE}=`,
    `Path=${FLOW_PATH}`,
    'HttpOnly',
    'SameSite=Lax',
    'Max-Age=0',
    ...(secure(request) ? ['Secure'] : []),
  ].join('; ');
}
