import { beginSignIn } from '@/lib/server/auth/oidc-client';
import { oidcNavigation } from '@/lib/server/auth/oidc-responses';
import { flowCookie } from '@/lib/server/auth/session-cookie';
import { safeNext } from '@/lib/url/safe-next';

/**
 * Begins a sign-in at the OpenID provider (WEIR_AUTH=oidc): keeps state, nonce and the PKCE
 * verifier on the server under a short-lived httpOnly cookie, and redirects to the provider.
 * `?next=` is where to return afterwards (a path on Weir only). Problems go back to the
 * sign-in page, which says them in words.
 */
export async function GET(request: Request): Promise<Response> {
  const next = safeNext(new URL(request.url).searchParams.get('next') ?? undefined);
  return oidcNavigation(
    new Headers(),
    () => next,
    async (oidc) => {
      const { url, flowId } = await beginSignIn(oidc, next);
      return new Response(null, {
        status: 303,
        headers: {
          location: url.href,
          'set-cookie': flowCookie(request, flowId),
          'cache-control': 'no-store',
        },
      });
    },
  );
}
