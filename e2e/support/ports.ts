/** Where the e2e run serves Weir: one instance per identity or backend. */
export const E2E_PORTS = {
  operator: Number(process.env.WEIR_E2E_PORT ?? 3107),
  auditor: Number(process.env.WEIR_E2E_PORT ?? 3107) + 1,
  files: Number(process.env.WEIR_E2E_PORT ?? 3107) + 2,
  /** People sign in with a Kubernetes token (WEIR_AUTH=token); Weir runs as `weir`. */
  token: Number(process.env.WEIR_E2E_PORT ?? 3107) + 3,
  /** People sign in at the local OpenID provider (WEIR_AUTH=oidc, token mode); Weir runs as `weir`. */
  oidc: Number(process.env.WEIR_E2E_PORT ?? 3107) + 4,
  /**
   * Weir processes (and a proxy) a journey starts and stops itself (replicas, shutdown,
   * standalone): five from here, so one run keeps to ten ports in a row.
   */
  own: Number(process.env.WEIR_E2E_PORT ?? 3107) + 5,
};
