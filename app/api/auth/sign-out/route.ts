import { accessCache } from '@/lib/server/auth/access-cache';
import { clearedSessionCookie, readSessionId } from '@/lib/server/auth/session-cookie';
import { tokenAccessKey, tokenSessions } from '@/lib/server/auth/token-sessions';
import { errorResponse } from '@/lib/server/http-errors';
import { assertSameOrigin } from '@/lib/server/request-guard';

/** Ends the server-side session (the token is forgotten) and clears the cookie. */
export async function POST(request: Request): Promise<Response> {
  try {
    assertSameOrigin(request);
    const ended = tokenSessions().end(readSessionId(request));
    if (ended) accessCache().forget(`${tokenAccessKey(ended.token)}|`);
    return Response.json(
      { signedOut: Boolean(ended) },
      { headers: { 'set-cookie': clearedSessionCookie(request), 'cache-control': 'no-store' } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
