import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { type LocalOidc, oidcInfoFile } from '../cluster/cluster';
import { oidcCallback } from '../cluster/oidc-provider';

/** The test cluster's OpenID provider (written by startCluster beside the kubeconfig). */
export function testOidc(): LocalOidc {
  return JSON.parse(readFileSync(oidcInfoFile(inject('kubeconfig')), 'utf8')) as LocalOidc;
}

/**
 * Configures Weir's in-process routes for WEIR_AUTH=oidc against the test provider: `token`
 * mode with the confidential client, or `impersonate` mode with the public client and the
 * cluster's `oidc:` prefixes. Call after useTestCluster('oidc').
 */
export function useTestOidc(mode: 'token' | 'impersonate'): LocalOidc {
  const oidc = testOidc();
  for (const name of Object.keys(process.env)) if (name.startsWith('WEIR_OIDC_')) delete process.env[name];
  Object.assign(process.env, {
    WEIR_OIDC_ISSUER: oidc.issuer,
    WEIR_OIDC_REDIRECT_URL: oidcCallback('http://weir.test'),
    WEIR_OIDC_SCOPES: 'openid email profile groups',
    WEIR_OIDC_PROVIDER_NAME: 'Weir Test ID',
    WEIR_OIDC_MODE: mode,
    ...(mode === 'token'
      ? { WEIR_OIDC_CLIENT_ID: oidc.clientId, WEIR_OIDC_CLIENT_SECRET: oidc.clientSecret }
      : {
          WEIR_OIDC_CLIENT_ID: oidc.publicClientId,
          WEIR_OIDC_USERNAME_PREFIX: oidc.prefix,
          WEIR_OIDC_GROUPS_PREFIX: oidc.prefix,
        }),
  });
  return oidc;
}
