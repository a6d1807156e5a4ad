import * as client from 'openid-client';
import { describe, expect, it } from 'vitest';
import { refreshProblem } from './oidc-client';
import type { OidcConfig } from './oidc-config';

const oidc = { providerName: 'Acme SSO', issuer: 'https://id.example' } as OidcConfig;

const bodyError = (error: string, status: number) =>
  new client.ResponseBodyError('the token endpoint answered an error', {
    cause: { error },
    response: new Response(null, { status }),
  });

describe('refreshProblem', () => {
  it('says the sign-in is over only when the provider refuses the refresh token', () => {
    expect(refreshProblem(bodyError('invalid_grant', 400), oidc).code).toBe('session_expired');
  });

  it('says anything else is not the end of the sign-in', () => {
    expect(refreshProblem(bodyError('server_error', 500), oidc).code).toBe('token_exchange_failed');
    expect(refreshProblem(bodyError('temporarily_unavailable', 503), oidc).code).toBe(
      'token_exchange_failed',
    );
    expect(refreshProblem(bodyError('invalid_client', 401), oidc).code).toBe('token_exchange_failed');
    const badGateway = Object.assign(
      new client.ClientError('unexpected HTTP response status code', {
        cause: new Response('<html>Bad Gateway</html>', { status: 502 }),
      }),
      { code: 'OAUTH_RESPONSE_IS_NOT_CONFORM' },
    );
    expect(refreshProblem(badGateway, oidc).code).toBe('token_exchange_failed');
    expect(refreshProblem(new TypeError('fetch failed'), oidc).code).toBe('provider_unreachable');
  });
});
