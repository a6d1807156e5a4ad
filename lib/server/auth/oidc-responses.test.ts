import { afterEach, describe, expect, it, vi } from 'vitest';
import { ForbiddenError, UnavailableError } from '../../mesh/errors';
import { OidcConfigError } from './oidc-config';
import { SignInProblem } from './oidc-problems';
import { signInFailure } from './oidc-responses';

const landing = (error: unknown, next?: string) => {
  const answer = signInFailure(new Headers(), error, next);
  expect(answer.status).toBe(303);
  return answer.headers.get('location');
};

describe('signInFailure', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('sends every failure of a sign-in step to the sign-in page with a code, never raw JSON', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(landing(new SignInProblem('flow_expired', 'no such flow'), '/history')).toBe(
      '/sign-in?error=flow_expired&next=%2Fhistory',
    );
    expect(landing(new UnavailableError('cannot reach the API server'), '/history')).toBe(
      '/sign-in?error=cluster_unavailable&next=%2Fhistory',
    );
    expect(landing(new ForbiddenError('cannot review tokens'))).toBe('/sign-in?error=sign_in_failed');
    expect(landing(new TypeError('a bug'))).toBe('/sign-in?error=sign_in_failed');
  });

  it('leaves configuration problems to the sign-in page, which lists them itself', () => {
    expect(landing(new OidcConfigError(['WEIR_OIDC_ISSUER is required']), '/history')).toBe(
      '/sign-in?next=%2Fhistory',
    );
  });
});
