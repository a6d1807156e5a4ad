import { verifyToken } from '@/lib/server/auth/identity';
import { finishSignIn } from '@/lib/server/auth/oidc-client';
import { type PendingSignIn, pendingSignIns } from '@/lib/server/auth/oidc-flows';
import { continuePage, oidcNavigation, toSignInPage } from '@/lib/server/auth/oidc-responses';
import { openOidcSession } from '@/lib/server/auth/oidc-session';
import { clearedFlowCookie, readFlowId, sessionCookie } from '@/lib/server/auth/session-cookie';
import { getStore } from '@/lib/server/store';

/**
 * Where the OpenID provider sends the person back. Checks that this browser started the
 * sign-in and the state matches, exchanges the code (PKCE), validates the ID token, opens a
 * server-side session (the browser gets only its id, in an httpOnly SameSite=Strict cookie)
 * and continues to the page the person came from. Any problem, including one the provider
 * reports (`?error=access_denied`), goes to the sign-in page in words.
 */
export async function GET(request: Request): Promise<Response> {
  const query = new URL(request.url).searchParams;
  const headers = new Headers({ 'set-cookie': clearedFlowCookie(request) });
  let flow: PendingSignIn | undefined;
  return oidcNavigation(
    headers,
    () => flow?.next,
    async (oidc) => {
      const providerError = query.get('error');
      if (providerError) {
        flow = takeQuietly(request, query);
        return toSignInPage(headers, providerError.slice(0, 64), flow?.next);
      }
      flow = pendingSignIns().take(readFlowId(request), query.get('state'));
      const tokens = await finishSignIn(oidc, flow, query);
      const handle = await getStore();
      const session = await openOidcSession(oidc, tokens, (token) => verifyToken(handle, token));
      headers.append('set-cookie', sessionCookie(request, session.id));
      return continuePage(headers, flow.next);
    },
  );
}

function takeQuietly(request: Request, query: URLSearchParams): PendingSignIn | undefined {
  try {
    return pendingSignIns().take(readFlowId(request), query.get('state'));
  } catch {
    return undefined;
  }
}
