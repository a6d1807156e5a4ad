import 'server-only';
import { isMeshError, NotFoundError } from '../../mesh/errors';
import { readConfig } from '../config';
import { errorResponse } from '../http-errors';
import { type OidcConfig, OidcConfigError, readOidcConfig } from './oidc-config';
import { SignInProblem, type SignInProblemCode } from './oidc-problems';

/**
 * Runs one of the routes a browser navigates to during an oidc sign-in (start, callback): 404
 * unless WEIR_AUTH=oidc; otherwise every failure lands on the sign-in page in words, never on
 * raw JSON. `next()` is where the person was going, as far as the route knows it by then.
 */
export async function oidcNavigation(
  headers: Headers,
  next: () => string | undefined,
  run: (oidc: OidcConfig) => Promise<Response>,
): Promise<Response> {
  if (readConfig().auth !== 'oidc') {
    return errorResponse(new NotFoundError('sign-in with OpenID Connect is not configured (WEIR_AUTH)'));
  }
  try {
    return await run(readOidcConfig());
  } catch (error) {
    return signInFailure(headers, error, next());
  }
}

/** A failed sign-in step as a redirect to the sign-in page with a code it puts in words. */
export function signInFailure(headers: Headers, error: unknown, next?: string): Response {
  // The sign-in page lists configuration problems itself.
  if (error instanceof OidcConfigError) return toSignInPage(headers, undefined, next);
  const code = failureCode(error);
  if (code === 'sign_in_failed') console.error('weir: sign-in failed:', error);
  else console.warn(`weir: sign-in refused (${code}): ${(error as Error).message}`);
  return toSignInPage(headers, code, next);
}

function failureCode(error: unknown): SignInProblemCode {
  if (error instanceof SignInProblem) return error.code;
  if (isMeshError(error) && error.code === 'Unavailable') return 'cluster_unavailable';
  return 'sign_in_failed';
}

/** A redirect to the sign-in page, naming the problem (a code the page puts in words) and where to go next. */
export function toSignInPage(headers: Headers, problem?: string, next?: string): Response {
  const query = new URLSearchParams();
  if (problem) query.set('error', problem);
  if (next && next !== '/') query.set('next', next);
  const search = query.size > 0 ? `?${query}` : '';
  headers.set('location', `/sign-in${search}`);
  headers.set('cache-control', 'no-store');
  return new Response(null, { status: 303, headers });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page the callback answers once signed in: it moves on to `next` itself (meta refresh).
 * A redirect would not do: the browser treats a redirect chain that began at the provider as
 * cross-site and would hold back the new SameSite=Strict session cookie on the next page.
 */
export function continuePage(headers: Headers, next: string): Response {
  const target = escapeHtml(next);
  headers.set('content-type', 'text/html; charset=utf-8');
  headers.set('cache-control', 'no-store');
  return new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${target}"><title>Signed in · Weir</title></head><body><p>Signed in. <a href="${target}">Continue to Weir</a>.</p></body></html>`,
    { status: 200, headers },
  );
}
