import { NotFoundError } from '@/lib/mesh/errors';
import { beginSignIn } from '@/lib/server/auth/oidc-client';
import { OidcConfigError, readOidcConfig } from '@/lib/server/auth/oidc-config';
import { SignInProblem } from '@/lib/server/auth/oidc-problems';
import { toSignInPage } from '@/lib/server/auth/oidc-responses';
import { flowCookie } from '@/lib/server/auth/session-cookie';
import { readConfig } from '@/lib/server/config';
import { errorResponse } from '@/lib/server/http-errors';
import { safeNext } from '@/lib/url/safe-next';

/**
 * Begins a sign-in at the OpenID provider (WEIR_AUTH=oidc): keeps state, nonce and the PKCE
 * verifier on the server under a short-lived httpOnly cookie, and redirects to the provider.
 * `?next=` is where to return afterwards (a path on Weir only). Problems go back to the
 * sign-in page, which says them in words.
 */
export async function GET(request: Request): Promise<Response> {
  const next = safeNext(new URL(request.url).searchParams.get('next') ?? undefined);
  try {
    if (readConfig().auth !== 'oidc')
      throw new NotFoundError('sign-in with OpenID Connect is not configured (WEIR_AUTH)');
    const { url, flowId } = await beginSignIn(readOidcConfig(), next);
    return new Response(null, {
      status: 303,
      headers: { location: url.href, 'set-cookie': flowCookie(request, flowId), 'cache-control': 'no-store' },
    });
  } catch (error) {
    // The sign-in page lists configuration problems itself.
    if (error instanceof OidcConfigError) return toSignInPage(new Headers(), undefined, next);
    if (error instanceof SignInProblem) {
      console.warn(`weir: sign-in could not start: ${error.message}`);
      return toSignInPage(new Headers(), error.code, next);
    }
    return errorResponse(error);
  }
}
