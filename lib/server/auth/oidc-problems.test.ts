import { describe, expect, it } from 'vitest';
import { describeSignInProblem } from './oidc-problems';

describe('describeSignInProblem', () => {
  it("puts the provider's and Weir's own codes in words, naming the provider", () => {
    expect(describeSignInProblem('access_denied', 'Acme SSO')).toBe(
      'The sign-in was cancelled or refused at Acme SSO.',
    );
    expect(describeSignInProblem('cluster_rejected', 'Acme SSO')).toContain(
      'The cluster does not accept sign-ins from Acme SSO',
    );
    expect(describeSignInProblem('flow_expired', 'Acme SSO')).toContain('Start again');
    expect(describeSignInProblem('cluster_unavailable', 'Acme SSO')).toContain("cluster's API server");
    expect(describeSignInProblem('sign_in_failed', 'Acme SSO')).toContain('Weir’s log');
  });

  it('shows an unknown code only when it looks like one, never text from the address bar', () => {
    expect(describeSignInProblem('mfa_failed', 'Acme SSO')).toBe(
      'Acme SSO refused the sign-in (mfa_failed).',
    );
    expect(describeSignInProblem('Call +1 555 0100 to unlock', 'Acme SSO')).toBe(
      'Acme SSO refused the sign-in.',
    );
    expect(describeSignInProblem('constructor', 'Acme SSO')).toBe(
      'Acme SSO refused the sign-in (constructor).',
    );
  });
});
