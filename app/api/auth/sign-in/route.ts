import { z } from 'zod';
import { NotFoundError } from '@/lib/mesh/errors';
import { verifyToken } from '@/lib/server/auth/identity';
import { sessionCookie } from '@/lib/server/auth/session-cookie';
import { tokenSessions } from '@/lib/server/auth/token-sessions';
import { readConfig } from '@/lib/server/config';
import { errorResponse } from '@/lib/server/http-errors';
import { assertSameOrigin, readBody } from '@/lib/server/request-guard';
import { getStore } from '@/lib/server/store';

const body = z.object({ token: z.string().trim().min(1, 'paste a token').max(16_384) });

/**
 * Signs in with a Kubernetes bearer token (WEIR_AUTH=token): the API server says whose it is
 * (SelfSubjectReview); Weir keeps it in a server-side session and answers only the name and
 * an httpOnly, SameSite=Strict cookie holding the session's random id.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    assertSameOrigin(request);
    if (readConfig().auth !== 'token')
      throw new NotFoundError('sign-in with a token is not configured (WEIR_AUTH)');
    const { token: pasted } = await readBody(request, body);
    const handle = await getStore();
    const token = pasted.replace(/^Bearer\s+/i, '');
    const who = await verifyToken(handle, token);
    const session = tokenSessions().create(token, who.username, who.groups);
    return Response.json(
      { user: session.user },
      { headers: { 'set-cookie': sessionCookie(request, session.id), 'cache-control': 'no-store' } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
