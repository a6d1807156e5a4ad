import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signInProblemCode } from '../../../tools/test/sign-in-problem-code';
import { identityFromClaims } from './oidc-claims';

const mapping = { usernameClaim: 'email', groupsClaim: 'groups', usernamePrefix: '', groupsPrefix: '' };

describe('identityFromClaims', () => {
  it('maps the claims to a user and sorted, de-duplicated groups, with the prefixes', () => {
    const claims = { sub: '42', email: 'olivia@weir.test', groups: ['weir-operators', 'all', 'all'] };
    expect(identityFromClaims(claims, mapping)).toEqual({
      user: 'olivia@weir.test',
      groups: ['all', 'weir-operators'],
    });
    expect(
      identityFromClaims(claims, { ...mapping, usernamePrefix: 'oidc:', groupsPrefix: 'oidc:' }),
    ).toEqual({
      user: 'oidc:olivia@weir.test',
      groups: ['oidc:all', 'oidc:weir-operators'],
    });
  });

  it('reads other claims when configured, and a single group given as a string', () => {
    const claims = { preferred_username: 'olivia', roles: 'operator' };
    expect(
      identityFromClaims(claims, { ...mapping, usernameClaim: 'preferred_username', groupsClaim: 'roles' }),
    ).toEqual({ user: 'olivia', groups: ['operator'] });
  });

  it('has no groups when the claim is absent or holds no strings', () => {
    expect(identityFromClaims({ email: 'a@b.c' }, mapping).groups).toEqual([]);
    expect(identityFromClaims({ email: 'a@b.c', groups: [1, null, '', { x: 1 }] }, mapping).groups).toEqual(
      [],
    );
  });

  it('refuses a token without the user name claim', () => {
    expect(signInProblemCode(() => identityFromClaims({ sub: '42' }, mapping))).toBe('no_username_claim');
    expect(signInProblemCode(() => identityFromClaims({ email: '  ' }, mapping))).toBe('no_username_claim');
    expect(signInProblemCode(() => identityFromClaims({ email: ['a@b.c'] }, mapping))).toBe(
      'no_username_claim',
    );
  });

  it('refuses an email the provider marks unverified, as the API server does', () => {
    expect(
      signInProblemCode(() => identityFromClaims({ email: 'a@b.c', email_verified: false }, mapping)),
    ).toBe('email_not_verified');
    expect(identityFromClaims({ email: 'a@b.c', email_verified: true }, mapping).user).toBe('a@b.c');
  });

  it('never impersonates into the reserved system: space', () => {
    const claims = { email: 'system:admin', groups: ['system:masters', 'ops'] };
    expect(signInProblemCode(() => identityFromClaims(claims, mapping))).toBe('reserved_name');
    expect(identityFromClaims({ ...claims, email: 'mallory@x' }, mapping).groups).toEqual(['ops']);
    // Behind a prefix the same names are harmless.
    expect(
      identityFromClaims(claims, { ...mapping, usernamePrefix: 'oidc:', groupsPrefix: 'oidc:' }),
    ).toEqual({
      user: 'oidc:system:admin',
      groups: ['oidc:ops', 'oidc:system:masters'],
    });
  });

  it('whatever the provider claims, every group carries the prefix and none is a system: group', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constant('system:masters'), fc.integer())),
        fc.constantFrom('', 'oidc:', 'corp-'),
        (groups, prefix) => {
          const who = identityFromClaims({ email: 'p@x', groups }, { ...mapping, groupsPrefix: prefix });
          for (const group of who.groups) {
            expect(group.startsWith(prefix)).toBe(true);
            expect(group.startsWith('system:')).toBe(false);
          }
        },
      ),
    );
  });
});
