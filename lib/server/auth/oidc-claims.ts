import 'server-only';
import { SignInProblem } from './oidc-problems';
import { isReservedName } from './reserved-names';

/** How ID token claims become a Kubernetes user and groups (impersonate mode). */
export interface ClaimMapping {
  usernameClaim: string;
  groupsClaim: string;
  usernamePrefix: string;
  groupsPrefix: string;
}

export interface ClaimedIdentity {
  user: string;
  groups: string[];
}

/**
 * The user and groups Weir impersonates for a validated ID token's claims, named as the
 * cluster names them (prefixes). Mirrors the API server's own JWT rules: an `email` user name
 * must not be marked unverified; and since Weir's credential would be the one asking, a name
 * in the reserved `system:` space is refused and such groups are dropped.
 */
export function identityFromClaims(claims: Record<string, unknown>, mapping: ClaimMapping): ClaimedIdentity {
  const name = claims[mapping.usernameClaim];
  if (typeof name !== 'string' || name.trim() === '') {
    throw new SignInProblem(
      'no_username_claim',
      `the ID token has no "${mapping.usernameClaim}" claim to use as the user name`,
    );
  }
  if (mapping.usernameClaim === 'email' && 'email_verified' in claims && claims.email_verified !== true) {
    throw new SignInProblem('email_not_verified', `the provider has not verified ${name}`);
  }
  const user = `${mapping.usernamePrefix}${name.trim()}`;
  if (isReservedName(user)) {
    throw new SignInProblem(
      'reserved_name',
      `the user name ${user} is in Kubernetes' reserved system: space`,
    );
  }
  const raw = claims[mapping.groupsClaim];
  const listed = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : [];
  const groups = listed
    .filter((group): group is string => typeof group === 'string' && group.trim() !== '')
    .map((group) => `${mapping.groupsPrefix}${group.trim()}`)
    .filter((group) => !isReservedName(group));
  return { user, groups: [...new Set(groups)].sort() };
}
