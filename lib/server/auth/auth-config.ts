import 'server-only';

/** How the `header` strategy reads who the authenticating proxy in front says the person is. */
export interface HeaderAuthConfig {
  userHeader: string;
  groupsHeader: string;
}

/** The header names of the `header` strategy (WEIR_AUTH_USER_HEADER, WEIR_AUTH_GROUPS_HEADER). */
export function readHeaderAuthConfig(env: NodeJS.ProcessEnv = process.env): HeaderAuthConfig {
  return {
    userHeader: (env.WEIR_AUTH_USER_HEADER || 'x-forwarded-user').toLowerCase(),
    groupsHeader: (env.WEIR_AUTH_GROUPS_HEADER || 'x-forwarded-groups').toLowerCase(),
  };
}
