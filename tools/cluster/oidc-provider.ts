import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

/** Who may sign in at the local provider: a fixed table, and anyone else with no groups. */
export const OIDC_ACCOUNTS: Record<string, { name: string; groups: string[] }> = {
  'olivia@weir.test': { name: 'Olivia Operator', groups: ['weir-operators'] },
  'arthur@weir.test': { name: 'Arthur Auditor', groups: ['weir-auditors'] },
};

/**
 * The clients registered for Weir: one with a secret, one public (PKCE only), and one the API
 * server does not accept ID tokens for (to see how Weir says so).
 */
export const OIDC_CLIENT_IDS = {
  confidential: 'weir',
  public: 'weir-public',
  untrusted: 'weir-elsewhere',
} as const;

/** Where Weir receives the provider's answer, for a Weir served at `origin`. */
export const oidcCallback = (origin: string) => `${origin}/api/auth/oidc/callback`;

/** Callback addresses registered unless the caller names others: `npm start`'s and the in-process tests'. */
export const DEFAULT_REDIRECT_URIS = [
  oidcCallback('http://localhost:3000'),
  oidcCallback('http://127.0.0.1:3000'),
  oidcCallback('http://weir.test'),
];

export interface LocalOidcProvider {
  issuer: string;
  clientSecret: string;
  close(): Promise<void>;
}

export interface OidcProviderOptions {
  port: number;
  /** PEM files of a serving certificate for 127.0.0.1 and its key. */
  certFile: string;
  keyFile: string;
  redirectUris: string[];
}

/** The login name as an address: `olivia` and `olivia@weir.test` are the same person. */
export function accountEmail(login: string): string {
  const name = login.trim().toLowerCase();
  return name.includes('@') ? name : `${name}@weir.test`;
}

/**
 * An OpenID provider on https://127.0.0.1:<port> (oidc-provider with its development login
 * form: any login name, any password). ID tokens carry email, name and groups, so the API
 * server's JWT authenticator and Weir's impersonate mode can both map them. Consent is
 * implied: Weir is the provider's own first-party client.
 */
export async function startOidcProvider(options: OidcProviderOptions): Promise<LocalOidcProvider> {
  const issuer = `https://127.0.0.1:${options.port}`;
  const clientSecret = randomBytes(24).toString('hex');
  // P-256 rather than RSA: made in a millisecond, where an RSA key costs cluster start-up ~0.3 s.
  const signingKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  const shared = {
    redirect_uris: options.redirectUris,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code' as const],
    id_token_signed_response_alg: 'ES256' as const,
  };
  const provider = new Provider(issuer, {
    clients: [
      {
        ...shared,
        client_id: OIDC_CLIENT_IDS.confidential,
        client_secret: clientSecret,
        token_endpoint_auth_method: 'client_secret_post',
      },
      { ...shared, client_id: OIDC_CLIENT_IDS.public, token_endpoint_auth_method: 'none' },
      { ...shared, client_id: OIDC_CLIENT_IDS.untrusted, token_endpoint_auth_method: 'none' },
    ],
    jwks: { keys: [{ ...signingKey, kid: 'weir-local', use: 'sig', alg: 'ES256' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username'],
      groups: ['groups'],
    },
    // Kubernetes reads only the ID token: the claims must be in it, not only at userinfo.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, revocation: { enabled: true } },
    pkce: { required: () => true },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    loadExistingGrant,
    findAccount: (_ctx, id) => {
      const email = accountEmail(id);
      const known = OIDC_ACCOUNTS[email];
      const name = known?.name ?? email.split('@')[0] ?? email;
      return {
        // The login as typed: the provider checks that the account it finds is the one that signed in.
        accountId: id,
        claims: () => ({
          sub: email,
          email,
          email_verified: true,
          name,
          preferred_username: email.split('@')[0],
          groups: known?.groups ?? [],
        }),
      };
    },
  });
  const server = https.createServer(
    { cert: readFileSync(options.certFile), key: readFileSync(options.keyFile) },
    provider.callback(),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  return {
    issuer: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    clientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function loadExistingGrant(ctx: KoaContextWithOIDC) {
  const { oidc } = ctx;
  const client = oidc.client;
  const accountId = oidc.session?.accountId;
  if (!client || !accountId) return undefined;
  const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(client.clientId);
  if (grantId) return oidc.provider.Grant.find(grantId);
  const grant = new oidc.provider.Grant({ clientId: client.clientId, accountId });
  grant.addOIDCScope(String(oidc.params?.scope ?? 'openid'));
  await grant.save();
  return grant;
}
