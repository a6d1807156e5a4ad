import 'server-only';

/** Why a sign-in through the OpenID provider did not end with a session, as a stable code. */
export type SignInProblemCode =
  | 'flow_expired'
  | 'no_username_claim'
  | 'email_not_verified'
  | 'reserved_name'
  | 'cluster_rejected'
  | 'provider_unreachable'
  | 'provider_untrusted'
  | 'discovery_failed'
  | 'token_exchange_failed'
  | 'session_expired'
  | 'cluster_unavailable'
  | 'sign_in_failed';

/** A sign-in refused for a reason the sign-in page can put in words (never a token or a trace). */
export class SignInProblem extends Error {
  constructor(
    readonly code: SignInProblemCode,
    message: string,
  ) {
    super(message);
    this.name = 'SignInProblem';
  }
}

// Error codes a provider may send back to the callback (OAuth 2.0 and OpenID Connect Core).
const PROVIDER_WORDS: Record<string, (provider: string) => string> = {
  access_denied: (p) => `The sign-in was cancelled or refused at ${p}.`,
  login_required: (p) => `${p} needs you to sign in there first.`,
  consent_required: (p) => `${p} needs you to allow Weir access first.`,
  interaction_required: (p) => `${p} needs you to finish a step there first.`,
  account_selection_required: (p) => `${p} needs you to choose an account.`,
  invalid_scope: (p) =>
    `${p} does not know a scope Weir asked for: check WEIR_OIDC_SCOPES (many providers have no "groups" scope).`,
  unauthorized_client: (p) => `${p} does not allow Weir’s client to sign people in this way.`,
  invalid_client: (p) => `${p} does not recognise Weir’s client: check WEIR_OIDC_CLIENT_ID and the secret.`,
  invalid_request: (p) =>
    `${p} refused the sign-in request: check that it lists Weir’s callback address (WEIR_PUBLIC_URL or WEIR_OIDC_REDIRECT_URL).`,
  unsupported_response_type: (p) => `${p} does not support the authorization code flow for Weir’s client.`,
  server_error: (p) => `${p} had an internal error. Try again in a moment.`,
  temporarily_unavailable: (p) => `${p} is temporarily unavailable. Try again in a moment.`,
};

const WEIR_WORDS: Record<SignInProblemCode, (provider: string) => string> = {
  flow_expired: () =>
    'This sign-in took too long or was started in another browser tab or window. Start again.',
  no_username_claim: (p) =>
    `${p} sent no user name in the claim Weir reads (WEIR_OIDC_USERNAME_CLAIM). Ask whoever runs Weir.`,
  email_not_verified: (p) => `${p} has not verified your email address, so Weir cannot use it as your name.`,
  reserved_name: () => 'Your user name or a group begins with "system:", which Kubernetes reserves.',
  cluster_rejected: (p) =>
    `The cluster does not accept sign-ins from ${p}: its API server needs a JWT authenticator for this issuer and client, or Weir must run with WEIR_OIDC_MODE=impersonate.`,
  provider_unreachable: (p) => `Weir could not reach ${p}. Try again in a moment.`,
  provider_untrusted: (p) =>
    `Weir does not trust ${p}'s TLS certificate. Whoever runs Weir must give it the provider's CA (NODE_EXTRA_CA_CERTS).`,
  discovery_failed: (p) =>
    `Weir could not read ${p}'s OpenID configuration. Whoever runs Weir should check WEIR_OIDC_ISSUER.`,
  token_exchange_failed: (p) => `${p} did not accept the sign-in when Weir completed it. Start again.`,
  session_expired: () => 'Your session has ended. Sign in again.',
  cluster_unavailable: () =>
    "Weir could not reach the cluster's API server to finish the sign-in. Try again in a moment.",
  sign_in_failed: () =>
    'Weir could not finish the sign-in because of an error on its side. Try again; if it persists, ask whoever runs Weir to look at Weir’s log.',
};

/** The sentence the sign-in page shows for a problem code (from Weir or the provider). */
export function describeSignInProblem(code: string, providerName: string): string {
  const words = Object.hasOwn(WEIR_WORDS, code)
    ? WEIR_WORDS[code as SignInProblemCode]
    : Object.hasOwn(PROVIDER_WORDS, code)
      ? PROVIDER_WORDS[code]
      : undefined;
  if (words) return words(providerName);
  return /^[a-z0-9_]{1,64}$/.test(code)
    ? `${providerName} refused the sign-in (${code}).`
    : `${providerName} refused the sign-in.`;
}
