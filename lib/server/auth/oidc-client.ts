import 'server-only';
import * as client from 'openid-client';
import type { OidcConfig } from './oidc-config';
import { type PendingSignIn, pendingSignIns } from './oidc-flows';
import { SignInProblem } from './oidc-problems';

let discovered: { key: string; configuration: Promise<client.Configuration> } | undefined;

/**
 * The provider's metadata and keys (OpenID discovery), fetched once per configuration; a
 * failed discovery is forgotten so that the next sign-in tries again.
 */
function providerConfiguration(oidc: OidcConfig): Promise<client.Configuration> {
  const key = JSON.stringify([oidc.issuer, oidc.clientId, oidc.clientSecret ?? '']);
  if (discovered?.key === key) return discovered.configuration;
  const issuer = new URL(oidc.issuer);
  const configuration = client
    .discovery(issuer, oidc.clientId, oidc.clientSecret, oidc.clientSecret ? undefined : client.None(), {
      // readOidcConfig allows plain http only on loopback, for a provider on the same machine.
      execute: issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
    })
    .catch((error: unknown) => {
      if (discovered?.configuration === configuration) discovered = undefined;
      const problem = asSignInProblem(error, oidc);
      throw problem.code === 'token_exchange_failed'
        ? new SignInProblem(
            'discovery_failed',
            `OpenID discovery at ${oidc.issuer} failed: ${problem.message}`,
          )
        : problem;
    });
  discovered = { key, configuration };
  return configuration;
}

/** A sign-in begun: the provider's authorization URL (with state, nonce, PKCE challenge) and the flow's id. */
export async function beginSignIn(oidc: OidcConfig, next: string): Promise<{ url: URL; flowId: string }> {
  const configuration = await providerConfiguration(oidc);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: oidc.redirectUrl,
    scope: oidc.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url, flowId: pendingSignIns().begin({ state, nonce, codeVerifier, next }) };
}

/** The provider's validated answer to a sign-in: the ID token, its claims, and a refresh token if any. */
export interface ProviderTokens {
  idToken: string;
  claims: client.IDToken;
  refreshToken?: string;
}

/**
 * Exchanges the code the provider sent to the callback (with the PKCE verifier) and validates
 * the ID token: signature, issuer, audience, expiry, nonce. `query` is the callback's query.
 */
export async function finishSignIn(
  oidc: OidcConfig,
  flow: PendingSignIn,
  query: URLSearchParams,
): Promise<ProviderTokens> {
  const configuration = await providerConfiguration(oidc);
  // The redirect_uri sent with the code must be the one registered, not the address Next saw
  // (behind a proxy the two differ).
  const current = new URL(oidc.redirectUrl);
  current.search = query.toString();
  try {
    const tokens = await client.authorizationCodeGrant(configuration, current, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    return validTokens(tokens, oidc);
  } catch (error) {
    throw asSignInProblem(error, oidc);
  }
}

/**
 * A new ID token for a refresh token. A SignInProblem `session_expired` only when the provider
 * refuses the refresh token itself; any other failure (its own error, an outage) is another code.
 */
export async function refreshSignIn(oidc: OidcConfig, refreshToken: string): Promise<ProviderTokens> {
  const configuration = await providerConfiguration(oidc);
  try {
    const tokens = await client.refreshTokenGrant(configuration, refreshToken);
    return { ...validTokens(tokens, oidc), refreshToken: tokens.refresh_token ?? refreshToken };
  } catch (error) {
    throw refreshProblem(error, oidc);
  }
}

/**
 * A failed refresh as a SignInProblem. Only `invalid_grant` (RFC 6749 §5.2: the refresh token
 * is invalid, expired or revoked) says the sign-in is over; a provider's 5xx or any other error
 * says nothing about the person and must not end their session.
 */
export function refreshProblem(error: unknown, oidc: OidcConfig): SignInProblem {
  if (error instanceof client.ResponseBodyError && error.error === 'invalid_grant') {
    return new SignInProblem('session_expired', `${oidc.providerName} refused to renew the sign-in`);
  }
  return asSignInProblem(error, oidc);
}

/** Tells the provider a refresh token is no longer needed (sign-out); a provider without revocation is fine. */
export async function revokeRefreshToken(oidc: OidcConfig, refreshToken: string): Promise<void> {
  try {
    const configuration = await providerConfiguration(oidc);
    if (!configuration.serverMetadata().revocation_endpoint) return;
    await client.tokenRevocation(configuration, refreshToken, { token_type_hint: 'refresh_token' });
  } catch (error) {
    // The session has ended on Weir's side either way; the token will expire at the provider.
    console.warn(`weir: could not revoke the refresh token at ${oidc.providerName}: ${String(error)}`);
  }
}

function validTokens(
  tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers,
  oidc: OidcConfig,
): ProviderTokens {
  const claims = tokens.claims();
  if (!tokens.id_token || !claims) {
    throw new SignInProblem('token_exchange_failed', `${oidc.providerName} sent no ID token`);
  }
  return { idToken: tokens.id_token, claims, refreshToken: tokens.refresh_token };
}

const UNTRUSTED_CERTIFICATE =
  /CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|SELF_SIGNED|DEPTH_ZERO/;

/** Any failure talking to the provider, as a SignInProblem the sign-in page can word. */
function asSignInProblem(error: unknown, oidc: OidcConfig): SignInProblem {
  if (error instanceof SignInProblem) return error;
  const code = (error as { cause?: { code?: string } }).cause?.code ?? '';
  if (error instanceof TypeError && UNTRUSTED_CERTIFICATE.test(code)) {
    return new SignInProblem(
      'provider_untrusted',
      `Weir does not trust the TLS certificate of ${oidc.issuer} (${code}): give Weir the provider's CA with NODE_EXTRA_CA_CERTS`,
    );
  }
  if (error instanceof TypeError && !(error as { code?: string }).code?.startsWith('ERR_INVALID_ARG')) {
    return new SignInProblem(
      'provider_unreachable',
      `cannot reach ${oidc.issuer}: ${error.message} ${code}`.trim(),
    );
  }
  return new SignInProblem('token_exchange_failed', error instanceof Error ? error.message : String(error));
}
