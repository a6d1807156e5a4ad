import { describe, expect, it } from 'vitest';
import { DEFAULT_OIDC_SCOPES, OidcConfigError, readOidcConfig } from './oidc-config';

const base = {
  WEIR_OIDC_ISSUER: 'https://id.example.com/realms/ops',
  WEIR_OIDC_CLIENT_ID: 'weir',
  WEIR_PUBLIC_URL: 'https://weir.example.com',
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    readOidcConfig(env);
  } catch (error) {
    if (error instanceof OidcConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected an OidcConfigError');
}

describe('readOidcConfig', () => {
  it('reads a minimal configuration with its defaults: a public client in token mode', () => {
    expect(readOidcConfig(base)).toEqual({
      issuer: 'https://id.example.com/realms/ops',
      clientId: 'weir',
      clientSecret: undefined,
      redirectUrl: 'https://weir.example.com/api/auth/oidc/callback',
      scopes: DEFAULT_OIDC_SCOPES,
      usernameClaim: 'email',
      groupsClaim: 'groups',
      mode: 'token',
      usernamePrefix: '',
      groupsPrefix: '',
      providerName: 'id.example.com',
    });
  });

  it('keeps the issuer exactly as given (the API server compares iss byte for byte)', () => {
    expect(readOidcConfig({ ...base, WEIR_OIDC_ISSUER: 'https://tenant.auth0.com/' }).issuer).toBe(
      'https://tenant.auth0.com/',
    );
  });

  it('reads every optional setting', () => {
    const config = readOidcConfig({
      ...base,
      WEIR_OIDC_CLIENT_SECRET: 's3cret',
      WEIR_OIDC_REDIRECT_URL: 'https://weir.internal:8443/api/auth/oidc/callback',
      WEIR_OIDC_SCOPES: 'openid, email groups',
      WEIR_OIDC_USERNAME_CLAIM: 'preferred_username',
      WEIR_OIDC_GROUPS_CLAIM: 'roles',
      WEIR_OIDC_MODE: 'impersonate',
      WEIR_OIDC_USERNAME_PREFIX: 'oidc:',
      WEIR_OIDC_GROUPS_PREFIX: 'oidc:',
      WEIR_OIDC_PROVIDER_NAME: 'Acme SSO',
    });
    expect(config).toMatchObject({
      clientSecret: 's3cret',
      redirectUrl: 'https://weir.internal:8443/api/auth/oidc/callback',
      scopes: 'openid email groups',
      usernameClaim: 'preferred_username',
      groupsClaim: 'roles',
      mode: 'impersonate',
      usernamePrefix: 'oidc:',
      groupsPrefix: 'oidc:',
      providerName: 'Acme SSO',
    });
  });

  it('names every missing setting at once', () => {
    expect(problemsOf({})).toEqual([
      'set WEIR_OIDC_ISSUER to the provider’s issuer URL',
      'set WEIR_OIDC_CLIENT_ID to the client id registered for Weir at the provider',
      expect.stringContaining('set WEIR_PUBLIC_URL'),
    ]);
  });

  it('refuses an issuer that is not https, except on loopback', () => {
    expect(problemsOf({ ...base, WEIR_OIDC_ISSUER: 'http://id.example.com' })).toEqual([
      'WEIR_OIDC_ISSUER must use https (or http on localhost): "http://id.example.com"',
    ]);
    expect(readOidcConfig({ ...base, WEIR_OIDC_ISSUER: 'http://127.0.0.1:5556/dex' }).issuer).toBe(
      'http://127.0.0.1:5556/dex',
    );
    expect(problemsOf({ ...base, WEIR_OIDC_ISSUER: 'id.example.com' })).toEqual([
      'WEIR_OIDC_ISSUER is not a URL: "id.example.com"',
    ]);
  });

  it('refuses scopes without openid, an unknown mode, and a callback elsewhere', () => {
    expect(
      problemsOf({
        ...base,
        WEIR_OIDC_SCOPES: 'email profile',
        WEIR_OIDC_MODE: 'impersonation',
        WEIR_OIDC_REDIRECT_URL: 'https://weir.example.com/callback',
      }),
    ).toEqual([
      'WEIR_OIDC_REDIRECT_URL must end in /api/auth/oidc/callback: "https://weir.example.com/callback"',
      'WEIR_OIDC_SCOPES must include openid (it asks for an ID token): "email profile"',
      'WEIR_OIDC_MODE must be token or impersonate, not "impersonation"',
    ]);
  });

  it('refuses prefixes in token mode, where the API server names people itself', () => {
    expect(problemsOf({ ...base, WEIR_OIDC_GROUPS_PREFIX: 'oidc:' })).toEqual([
      expect.stringContaining('apply only with WEIR_OIDC_MODE=impersonate'),
    ]);
  });
});
