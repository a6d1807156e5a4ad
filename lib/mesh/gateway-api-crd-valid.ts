// Routes and Gateways the Gateway API CRDs (v1.6.3, standard channel) accept, which Weir's
// field checks once refused: the unit tests assert Weir takes them, the integration test that
// the local API server does too (so each case stays a case the CRD really accepts).

export interface CrdValidCase {
  why: string;
  kind: 'HTTPRoute' | 'KubernetesGateway';
  spec: Record<string, unknown>;
}

const prefixRewrite = {
  type: 'URLRewrite',
  urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } },
};
const prefixRedirect = {
  type: 'RequestRedirect',
  requestRedirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } },
};
const backend = { name: 'cart', port: 8080 };

export const CRD_VALID_CASES: readonly CrdValidCase[] = [
  {
    why: 'ReplacePrefixMatch in a rule without matches (defaulted to one PathPrefix / match)',
    kind: 'HTTPRoute',
    spec: { parentRefs: [{ name: 'edge' }], rules: [{ filters: [prefixRewrite], backendRefs: [backend] }] },
  },
  {
    why: 'ReplacePrefixMatch redirect in a rule whose one match has no path (defaulted to PathPrefix /)',
    kind: 'HTTPRoute',
    spec: { rules: [{ matches: [{ method: 'GET' }], filters: [prefixRedirect] }] },
  },
  {
    why: 'ReplacePrefixMatch in a rule whose one path match has no type (defaulted to PathPrefix)',
    kind: 'HTTPRoute',
    spec: {
      rules: [{ matches: [{ path: { value: '/cart' } }], filters: [prefixRewrite], backendRefs: [backend] }],
    },
  },
  {
    why: 'ReplacePrefixMatch in two backendRefs’ filters of a rule of two matches (the CRD’s rule is exists_one)',
    kind: 'HTTPRoute',
    spec: {
      rules: [
        {
          matches: [
            { path: { type: 'PathPrefix', value: '/a' } },
            { path: { type: 'PathPrefix', value: '/b' } },
          ],
          backendRefs: [
            { ...backend, filters: [prefixRewrite] },
            { ...backend, weight: 2, filters: [prefixRewrite] },
          ],
        },
      ],
    },
  },
  {
    why: 'parentRef and backendRef names that are no DNS names (ObjectName: 1 to 253 characters)',
    kind: 'HTTPRoute',
    spec: { parentRefs: [{ name: 'Edge_1' }], rules: [{ backendRefs: [{ name: 'Cart.V2', port: 8080 }] }] },
  },
  {
    why: 'parentRefs to a mesh Service (core group) and to a Gateway by port, each its own parent',
    kind: 'HTTPRoute',
    spec: {
      parentRefs: [
        { group: '', kind: 'Service', name: 'cart', port: 8080 },
        { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge', namespace: 'infra', port: 443 },
        { group: 'example.com', kind: 'Custom-Parent', name: 'edge' },
      ],
    },
  },
  {
    why: 'a Gateway whose class and certificateRef names are no DNS names, one certificateRef of another kind',
    kind: 'KubernetesGateway',
    spec: {
      gatewayClassName: 'Istio_Class',
      listeners: [
        {
          name: 'https',
          port: 443,
          protocol: 'HTTPS',
          tls: {
            certificateRefs: [
              { name: 'Shop_Cert' },
              { group: 'cert-manager.io', kind: 'Certificate', name: 'shop', namespace: 'certs' },
            ],
          },
        },
      ],
    },
  },
];
