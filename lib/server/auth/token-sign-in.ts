import 'server-only';
import { z } from 'zod';
import type { SignInAnswer, SignInRequest, SignOutAnswer } from '../../api/session';
import { NotFoundError } from '../../mesh/errors';
import { readConfig } from '../config';
import { readBody } from '../request-guard';
import { getStore } from '../store';
import { accessCache } from './access-cache';
import { verifyToken } from './identity';
import { closeOidcGrant } from './oidc-session';
import { clearedSessionCookie, readSessionId, sessionCookie } from './session-cookie';
import { tokenAccessKey, tokenSessions } from './token-sessions';

const signInBody: z.ZodType<SignInRequest> = z.object({
  token: z.string().trim().min(1, 'paste a token').max(16_384),
});

const NO_STORE = { 'cache-control': 'no-store' };

/**
 * Signs in with a Kubernetes bearer token (WEIR_AUTH=token): the API server says whose it is
 * (SelfSubjectReview); Weir keeps it in a server-side session and answers only the name and
 * an httpOnly, SameSite=Strict cookie holding the session's random id.
 */
export async function signInWithToken(request: Request): Promise<Response> {
  if (readConfig().auth !== 'token')
    throw new NotFoundError('sign-in with a token is not configured (WEIR_AUTH)');
  const { token: pasted } = await readBody(request, signInBody);
  const handle = await getStore();
  const token = pasted.replace(/^Bearer\s+/i, '');
  const who = await verifyToken(handle, token);
  const session = await tokenSessions().create(token, who.username, who.groups);
  return Response.json({ user: session.user } satisfies SignInAnswer, {
    headers: { 'set-cookie': sessionCookie(request, session.id), ...NO_STORE },
  });
}

/**
 * Ends the server-side session (token or oidc: the token is forgotten, an OIDC refresh token
 * revoked at the provider) and clears the cookie.
 */
export async function signOut(request: Request): Promise<Response> {
  const ended = await tokenSessions().end(readSessionId(request));
  if (ended) {
    accessCache().forget(`${tokenAccessKey(ended.token)}|`);
    // Not awaited: a slow or unreachable provider must not hold up signing out here.
    void closeOidcGrant(ended.oidc);
  }
  return Response.json({ signedOut: Boolean(ended) } satisfies SignOutAnswer, {
    headers: { 'set-cookie': clearedSessionCookie(request), ...NO_STORE },
  });
}
