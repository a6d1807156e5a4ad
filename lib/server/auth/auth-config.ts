import 'server-only';

/** How the `header` strategy reads who the authenticating proxy in front says the person is. */
export interface HeaderAuthConfig {
  userHeader: string;
  groupsHeader: string;
  /** When set, a request must carry it in `x-weir-proxy-secret`: proof it came through the proxy. */
  proxySecret?: string;
}

/**
 * The `header` strategy's settings: WEIR_AUTH_USER_HEADER, WEIR_AUTH_GROUPS_HEADER (comma
 * separated) and the optional WEIR_AUTH_PROXY_SECRET.
 */
export function readHeaderAuthConfig(env: NodeJS.ProcessEnv = process.env): HeaderAuthConfig {
  return {
    userHeader: (env.WEIR_AUTH_USER_HEADER || 'x-forwarded-user').toLowerCase(),
    groupsHeader: (env.WEIR_AUTH_GROUPS_HEADER || 'x-forwarded-groups').toLowerCase(),
    proxySecret: env.WEIR_AUTH_PROXY_SECRET || undefined,
  };
}
