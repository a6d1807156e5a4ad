import 'server-only';
import type { UserInfo } from '../../kube/who-am-i';
import { isMeshError, UnauthorizedError, UnavailableError } from '../../mesh/errors';
import { type ClaimedIdentity, identityFromClaims } from './oidc-claims';
import { type ProviderTokens, refreshSignIn, revokeRefreshToken } from './oidc-client';
import { type OidcConfig, OidcConfigError, readOidcConfig } from './oidc-config';
import { SignInProblem, type SignInProblemCode } from './oidc-problems';
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
 * without a refresh token, or on a definite refusal (refusesSignIn), the session ends and the
 * answer is 401; when the provider or the API server cannot answer, 503 and the session stays.
 */
export async function liveOidcSession(
  oidc: OidcConfig,
  id: string | undefined,
  whoIs: WhoIs,
  now: () => number = Date.now,
): Promise<TokenSession> {
  const session = await tokenSessions().get(id);
  if (!session?.oidc) throw signInAgain(oidc);
  if (session.oidc.expiresAt - now() > RENEW_MARGIN_MS) return session;
  const { refreshToken } = session.oidc;
  if (!refreshToken) {
    await tokenSessions().end(session.id);
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
  let renewed: OidcGrant | undefined;
  try {
    const tokens = await refreshSignIn(oidc, refreshToken);
    renewed = grantOf(tokens);
    if (tokens.claims.sub !== session.oidc?.subject) {
      throw new SignInProblem('session_expired', 'the renewed ID token names another person');
    }
    const who = await identityOf(oidc, tokens, whoIs);
    if (!(await tokenSessions().renew(session.id, tokens.idToken, who.user, who.groups, renewed))) {
      throw signInAgain(oidc);
    }
    return session;
  } catch (error) {
    if (!refusesSignIn(error)) {
      // The provider may have rotated the refresh token already: keep the new one for the next try.
      if (renewed?.refreshToken && session.oidc && (await tokenSessions().get(session.id)) === session) {
        session.oidc = { ...session.oidc, refreshToken: renewed.refreshToken };
      }
      const known = error instanceof SignInProblem || isMeshError(error);
      if (!known) console.error('weir: renewing a sign-in failed:', error);
      throw new UnavailableError(
        `cannot renew your sign-in now: ${known ? error.message : 'an unexpected error'}`,
      );
    }
    const ended = await tokenSessions().end(session.id);
    void closeOidcGrant(ended?.oidc);
    if (renewed?.refreshToken && renewed.refreshToken !== refreshToken) void closeOidcGrant(renewed);
    throw signInAgain(oidc);
  }
}

// Answers that mean this sign-in is over: the provider refused the refresh token, the renewed
// ID token names someone else or no longer qualifies, the API server refuses it.
const REFUSALS = new Set<SignInProblemCode>([
  'session_expired',
  'cluster_rejected',
  'no_username_claim',
  'email_not_verified',
  'reserved_name',
]);

/**
 * Whether a failed renewal ends the session. Only a definite refusal does; an outage (the
 * provider or the API server unreachable, a provider's 5xx) must not sign people out.
 */
export function refusesSignIn(error: unknown): boolean {
  if (error instanceof SignInProblem) return REFUSALS.has(error.code);
  return isMeshError(error) && error.code === 'Unauthorized';
}

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
