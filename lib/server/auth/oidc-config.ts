import 'server-only';

/** Where the provider sends the person back: Weir's callback route. */
export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';

export type OidcMode = 'token' | 'impersonate';

/** The `oidc` strategy's settings (WEIR_OIDC_*), checked. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Absent: a public client, protected by PKCE alone. */
  clientSecret?: string;
  redirectUrl: string;
  scopes: string;
  usernameClaim: string;
  groupsClaim: string;
  mode: OidcMode;
  /** impersonate mode: put before the claimed user name and groups, as the cluster names them. */
  usernamePrefix: string;
  groupsPrefix: string;
  /** For "Sign in with …": WEIR_OIDC_PROVIDER_NAME, or the issuer's host. */
  providerName: string;
}

export const DEFAULT_OIDC_SCOPES = 'openid email profile';

/** Every problem with the WEIR_OIDC_* settings at once, so one restart can fix them all. */
export class OidcConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`WEIR_AUTH=oidc is not configured correctly: ${problems.join('; ')}`);
    this.name = 'OidcConfigError';
  }
}

const isLoopback = (host: string) => ['localhost', '127.0.0.1', '[::1]'].includes(host);

function httpUrl(value: string, name: string, problems: string[], requireHttps: boolean): URL | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(`${name} is not a URL: "${value}"`);
    return undefined;
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && !(requireHttps && !isLoopback(url.hostname))) return url;
  problems.push(
    requireHttps
      ? `${name} must use https (or http on localhost): "${value}"`
      : `${name} must be an http(s) URL: "${value}"`,
  );
  return undefined;
}

/**
 * Reads WEIR_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET, _REDIRECT_URL (or WEIR_PUBLIC_URL),
 * _SCOPES, _USERNAME_CLAIM, _GROUPS_CLAIM, _MODE, _USERNAME_PREFIX, _GROUPS_PREFIX and
 * _PROVIDER_NAME; throws OidcConfigError naming every problem.
 */
export function readOidcConfig(env: Record<string, string | undefined> = process.env): OidcConfig {
  const problems: string[] = [];
  const value = (name: string) => env[name]?.trim() || undefined;

  const issuerText = value('WEIR_OIDC_ISSUER');
  if (!issuerText) problems.push('set WEIR_OIDC_ISSUER to the provider’s issuer URL');
  const issuer = issuerText ? httpUrl(issuerText, 'WEIR_OIDC_ISSUER', problems, true) : undefined;
  if (issuer && (issuer.search || issuer.hash)) {
    problems.push(`WEIR_OIDC_ISSUER must not have a query or fragment: "${issuerText}"`);
  }

  const clientId = value('WEIR_OIDC_CLIENT_ID');
  if (!clientId)
    problems.push('set WEIR_OIDC_CLIENT_ID to the client id registered for Weir at the provider');

  const redirectUrl = redirectUrlOf(value('WEIR_OIDC_REDIRECT_URL'), value('WEIR_PUBLIC_URL'), problems);

  const scopes = (value('WEIR_OIDC_SCOPES') ?? DEFAULT_OIDC_SCOPES).split(/[\s,]+/).filter(Boolean);
  if (!scopes.includes('openid')) {
    problems.push(`WEIR_OIDC_SCOPES must include openid (it asks for an ID token): "${scopes.join(' ')}"`);
  }

  const mode = value('WEIR_OIDC_MODE') ?? 'token';
  if (mode !== 'token' && mode !== 'impersonate') {
    problems.push(`WEIR_OIDC_MODE must be token or impersonate, not "${mode}"`);
  }
  const usernamePrefix = env.WEIR_OIDC_USERNAME_PREFIX ?? '';
  const groupsPrefix = env.WEIR_OIDC_GROUPS_PREFIX ?? '';
  if (mode === 'token' && (usernamePrefix || groupsPrefix)) {
    problems.push(
      'WEIR_OIDC_USERNAME_PREFIX and WEIR_OIDC_GROUPS_PREFIX apply only with WEIR_OIDC_MODE=impersonate; in token mode the API server applies its own prefixes',
    );
  }

  if (problems.length > 0) throw new OidcConfigError(problems);
  return {
    issuer: issuerText as string,
    clientId: clientId as string,
    clientSecret: value('WEIR_OIDC_CLIENT_SECRET'),
    redirectUrl: redirectUrl as string,
    scopes: scopes.join(' '),
    usernameClaim: value('WEIR_OIDC_USERNAME_CLAIM') ?? 'email',
    groupsClaim: value('WEIR_OIDC_GROUPS_CLAIM') ?? 'groups',
    mode: mode as OidcMode,
    usernamePrefix,
    groupsPrefix,
    providerName: value('WEIR_OIDC_PROVIDER_NAME') ?? (issuer as URL).host,
  };
}

function redirectUrlOf(
  explicit: string | undefined,
  publicUrl: string | undefined,
  problems: string[],
): string | undefined {
  if (explicit) {
    const url = httpUrl(explicit, 'WEIR_OIDC_REDIRECT_URL', problems, false);
    if (url && url.pathname !== OIDC_CALLBACK_PATH) {
      problems.push(`WEIR_OIDC_REDIRECT_URL must end in ${OIDC_CALLBACK_PATH}: "${explicit}"`);
    }
    return url?.href;
  }
  if (publicUrl) {
    const url = httpUrl(publicUrl, 'WEIR_PUBLIC_URL', problems, false);
    return url ? new URL(OIDC_CALLBACK_PATH, url).href : undefined;
  }
  problems.push(
    `set WEIR_PUBLIC_URL to the address people open Weir at (the callback is <that>${OIDC_CALLBACK_PATH}), or WEIR_OIDC_REDIRECT_URL`,
  );
  return undefined;
}
