import { accessCache } from '@/lib/server/auth/access-cache';
import { closeOidcGrant } from '@/lib/server/auth/oidc-session';
import { clearedSessionCookie, readSessionId } from '@/lib/server/auth/session-cookie';
import { tokenAccessKey, tokenSessions } from '@/lib/server/auth/token-sessions';
import { errorResponse } from '@/lib/server/http-errors';
import { assertSameOrigin } from '@/lib/server/request-guard';

/**
 * Ends the server-side session (token or oidc: the token is forgotten, an OIDC refresh token
 * revoked at the provider) and clears the cookie.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    assertSameOrigin(request);
    const ended = tokenSessions().end(readSessionId(request));
    if (ended) {
      accessCache().forget(`${tokenAccessKey(ended.token)}|`);
      // Not awaited: a slow or unreachable provider must not hold up signing out here.
      void closeOidcGrant(ended.oidc);
    }
    return Response.json(
      { signedOut: Boolean(ended) },
      { headers: { 'set-cookie': clearedSessionCookie(request), 'cache-control': 'no-store' } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
