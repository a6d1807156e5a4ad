import 'server-only';
import type { UserInfo } from '../../kube/who-am-i';
import { isMeshError, UnauthorizedError, UnavailableError } from '../../mesh/errors';
import { type ClaimedIdentity, identityFromClaims } from './oidc-claims';
import { type ProviderTokens, refreshSignIn, revokeRefreshToken } from './oidc-client';
import { type OidcConfig, OidcConfigError, readOidcConfig } from './oidc-config';
import { SignInProblem } from './oidc-problems';
import { type OidcGrant, type TokenSession, tokenSessions } from './token-sessions';

/** Asks the API server who a bearer token belongs to (identity.ts's verifyToken for one store). */
export type WhoIs = (token: string) => Promise<UserInfo>;

/** The oidc settings, or a 503 naming every problem with them. */
export function requireOidcConfig(): OidcConfig {
  try {
    return readOidcConfig();
  } catch (error) {
    if (error instanceof OidcConfigError)
      throw new UnavailableError(error.message, { problems: error.problems });
    throw error;
  }
}

/** Opens the server-side session for a validated sign-in; the browser gets only its id. */
export async function openOidcSession(
  oidc: OidcConfig,
  tokens: ProviderTokens,
  whoIs: WhoIs,
): Promise<TokenSession> {
  const who = await identityOf(oidc, tokens, whoIs);
  return tokenSessions().create(tokens.idToken, who.user, who.groups, grantOf(tokens));
}

// Renew this long before the ID token expires, so that no request goes out with a dying one.
const RENEW_MARGIN_MS = 30_000;
const renewing = new Map<string, Promise<TokenSession>>();

/**
 * The live session the cookie names, with an ID token the API server will still accept:
 * renewed with the refresh token when close to expiry (once, however many requests wait);
 * without a refresh token, or when the provider refuses, the session ends and the answer is 401.
 */
export async function liveOidcSession(
  oidc: OidcConfig,
  id: string | undefined,
  whoIs: WhoIs,
  now: () => number = Date.now,
): Promise<TokenSession> {
  const session = tokenSessions().get(id);
  if (!session?.oidc) throw signInAgain(oidc);
  if (session.oidc.expiresAt - now() > RENEW_MARGIN_MS) return session;
  const { refreshToken } = session.oidc;
  if (!refreshToken) {
    tokenSessions().end(session.id);
    throw signInAgain(oidc);
  }
  let pending = renewing.get(session.id);
  if (!pending) {
    pending = renew(oidc, session, refreshToken, whoIs).finally(() => renewing.delete(session.id));
    renewing.set(session.id, pending);
  }
  return pending;
}

/** Ends an oidc session's refresh token at the provider (sign-out). */
export async function closeOidcGrant(grant: OidcGrant | undefined): Promise<void> {
  if (!grant?.refreshToken) return;
  let oidc: OidcConfig;
  try {
    oidc = readOidcConfig();
  } catch {
    return;
  }
  await revokeRefreshToken(oidc, grant.refreshToken);
}

async function renew(
  oidc: OidcConfig,
  session: TokenSession,
  refreshToken: string,
  whoIs: WhoIs,
): Promise<TokenSession> {
  try {
    const tokens = await refreshSignIn(oidc, refreshToken);
    if (tokens.claims.sub !== session.oidc?.subject) {
      throw new SignInProblem('session_expired', 'the renewed ID token names another person');
    }
    const who = await identityOf(oidc, tokens, whoIs);
    if (!tokenSessions().renew(session.id, tokens.idToken, who.user, who.groups, grantOf(tokens))) {
      throw signInAgain(oidc);
    }
    return session;
  } catch (error) {
    if (error instanceof SignInProblem && TRANSIENT.has(error.code)) {
      throw new UnavailableError(`cannot renew your sign-in now: ${error.message}`);
    }
    tokenSessions().end(session.id);
    if (error instanceof SignInProblem || (isMeshError(error) && error.code === 'Unauthorized')) {
      throw signInAgain(oidc);
    }
    throw error;
  }
}

const TRANSIENT = new Set(['provider_unreachable', 'provider_untrusted', 'discovery_failed']);

async function identityOf(oidc: OidcConfig, tokens: ProviderTokens, whoIs: WhoIs): Promise<ClaimedIdentity> {
  if (oidc.mode === 'impersonate') return identityFromClaims(tokens.claims, oidc);
  try {
    const who = await whoIs(tokens.idToken);
    return { user: who.username, groups: [...who.groups].sort() };
  } catch (error) {
    if (isMeshError(error) && error.code === 'Unauthorized') {
      throw new SignInProblem(
        'cluster_rejected',
        `the API server does not accept ID tokens from ${oidc.issuer}`,
      );
    }
    throw error;
  }
}

function grantOf(tokens: ProviderTokens): OidcGrant {
  return {
    expiresAt: tokens.claims.exp * 1000,
    subject: tokens.claims.sub,
    ...(tokens.refreshToken && { refreshToken: tokens.refreshToken }),
  };
}

function signInAgain(oidc: OidcConfig): UnauthorizedError {
  return new UnauthorizedError(`sign in with ${oidc.providerName} first`, { signIn: '/sign-in' });
}
