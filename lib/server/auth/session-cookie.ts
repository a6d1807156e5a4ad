import 'server-only';

/** The cookie that names a server-side session: an opaque random id, nothing else. */
export const SESSION_COOKIE = 'weir_session';

/** The session id a request carries, if any. */
export function readSessionId(request: Request): string | undefined {
  const header = request.headers.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
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
