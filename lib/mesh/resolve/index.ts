// Istio's naming rules, in one place for the graph, the validator and the editor: what a
// host stands for, which hosts meet, which Gateway a reference names, which hosts a Gateway
// server admits from a namespace, and which labels a selector picks.

export {
  attachedListeners,
  type BackendTarget,
  backendShares,
  backendTarget,
  type CertificateTarget,
  certificateTarget,
  defaultRouteKinds,
  GATEWAY_API_GROUP,
  ISTIO_BACKEND_FILTERS,
  ISTIO_RULE_FILTERS,
  isGatewayParent,
  isSecretRef,
  isServiceRef,
  listenerAllows,
  type ParentTarget,
  parentTarget,
  type RefusedBackendFilter,
  type RefusedCertificate,
  type RouteRefusal,
  type RouteRefusalCode,
  referenceGranted,
  refusedBackendFilters,
  refusedCertificateRefs,
  refusedRoute,
  routeRefusals,
  sharedHostnames,
} from './gateway-api';
export { type GatewayRef, MESH_GATEWAY, parseGatewayRef } from './gateway-ref';
export { hostCovers, hostIntersection, hostsOverlap } from './host-match';
export {
  CLUSTER_DOMAIN,
  CLUSTER_SUFFIX,
  hostNamespace,
  isClusterHost,
  isServiceKey,
  isWildcardHost,
  normalizeHost,
  serviceFqdn,
  shortHost,
} from './host-names';
export { isIpAddress } from './ip-address';
export { selectorText, selects, selectsSome } from './labels';
export { hostCandidates, isClusterLocalHost, resolveHost } from './resolve-host';
export { boundGateways, gatewayKey, matchGateways, routeGateways } from './route-gateways';
export { serverHostsFor, splitServerHost } from './server-host';
