import { describe, expect, it } from 'vitest';
import { ForbiddenError, UnauthorizedError, UnavailableError } from '../../mesh/errors';
import { SignInProblem } from './oidc-problems';
import { refusesSignIn } from './oidc-session';

describe('refusesSignIn', () => {
  it('ends the session on a definite refusal', () => {
    for (const error of [
      new SignInProblem('session_expired', 'the provider refused the refresh token'),
      new SignInProblem('session_expired', 'the renewed ID token names another person'),
      new SignInProblem('cluster_rejected', 'the API server refused the renewed ID token'),
      new SignInProblem('email_not_verified', 'no longer verified'),
      new UnauthorizedError('sign in first'),
    ]) {
      expect(refusesSignIn(error)).toBe(true);
    }
  });

  it('keeps the session through an outage at the provider or the API server', () => {
    for (const error of [
      new UnavailableError('the API server is unreachable'),
      new SignInProblem('provider_unreachable', 'cannot reach the provider'),
      new SignInProblem('provider_untrusted', 'certificate'),
      new SignInProblem('discovery_failed', 'discovery'),
      new SignInProblem('token_exchange_failed', 'the provider answered 503'),
      new ForbiddenError('not allowed to review tokens'),
      new TypeError('fetch failed'),
    ]) {
      expect(refusesSignIn(error)).toBe(false);
    }
  });
});
