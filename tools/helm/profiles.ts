/**
 * The chart's values for each way it is meant to be installed (README, "Install in a
 * cluster"): rendered, linted and dry-run against the real API server by the tests.
 */
export const PROFILES: Record<string, Record<string, unknown>> = {
  token: { auth: { mode: 'token' } },
  'oidc via an ingress, two replicas': {
    replicaCount: 2,
    publicUrl: 'https://weir.example.com',
    auth: {
      mode: 'oidc',
      oidc: {
        issuer: 'https://dex.example.com',
        clientId: 'weir',
        clientSecret: { secretName: 'weir-oidc', key: 'client-secret' },
        scopes: 'openid email profile groups',
      },
    },
    ingress: { enabled: true, className: 'nginx', host: 'weir.example.com', tls: { secretName: 'weir-tls' } },
  },
  'oidc impersonating, behind a Gateway API route': {
    publicUrl: 'https://weir.example.com',
    auth: {
      mode: 'oidc',
      oidc: {
        issuer: 'https://login.example.com',
        clientId: 'weir',
        mode: 'impersonate',
        usernamePrefix: 'oidc:',
        groupsPrefix: 'oidc:',
        caBundle: { configMapName: 'corp-ca', key: 'ca.crt' },
      },
    },
    rbac: { impersonateGroups: ['oidc:weir-operators', 'oidc:weir-auditors'] },
    httpRoute: {
      enabled: true,
      parentRefs: [{ name: 'public', namespace: 'istio-ingress' }],
      hostnames: ['weir.example.com'],
    },
  },
  'header behind oauth2-proxy': {
    auth: { mode: 'header', header: { proxySecret: { secretName: 'weir-proxy', key: 'proxy-secret' } } },
    rbac: { impersonateGroups: ['weir:operators', 'weir:auditors'] },
  },
  'read-only for auditors': { readOnly: true, auth: { mode: 'token' } },
  'namespace-scoped': {
    auth: { mode: 'token' },
    rbac: { scope: 'namespaces', namespaces: ['shop', 'payments'] },
  },
  'namespace-scoped, Rollouts and Canaries read cluster-wide': {
    auth: { mode: 'token' },
    rbac: { scope: 'namespaces', namespaces: ['shop', 'payments'], controllersClusterWide: true },
  },
  'local behind a network policy': { auth: { mode: 'local', allowUnauthenticatedNetwork: true } },
};
