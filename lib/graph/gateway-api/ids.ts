// Ids of the Gateway API's nodes and edges, from object identity only (STYLE.md §6). The
// kind is part of each id: an HTTPRoute and a GRPCRoute may share a name.

/** `kgw:shop/edge`: a Gateway API Gateway (an Istio Gateway of the same name is `gw:shop/edge`). */
export function kubeGatewayId(namespace: string, name: string): string {
  return `kgw:${namespace}/${name}`;
}

/** `gwroute:HTTPRoute/shop/cart`: a route object. */
export function gatewayRouteId(kind: string, namespace: string, name: string): string {
  return `gwroute:${kind}/${namespace}/${name}`;
}

/** `rule:HTTPRoute/shop/cart/rules/0`: one rule of a route (its backends' edges: weightEdgeId in ../ids). */
export function ruleId(kind: string, namespace: string, name: string, index: number): string {
  return `rule:${kind}/${namespace}/${name}/rules/${index}`;
}

/** `mirror:HTTPRoute/shop/cart/rules/0/filters/2`: a RequestMirror filter's edge. */
export function mirrorFilterEdgeId(
  kind: string,
  namespace: string,
  name: string,
  rule: number,
  filter: number,
): string {
  return `mirror:${kind}/${namespace}/${name}/rules/${rule}/filters/${filter}`;
}

/** `backend:multicluster.x-k8s.io/ServiceImport/shop/cart|8080`: a backend that is not a Service. */
export function otherBackendId(
  group: string,
  kind: string,
  namespace: string,
  name: string,
  port?: number,
): string {
  return `backend:${group}/${kind}/${namespace}/${name}|${port ?? ''}`;
}
