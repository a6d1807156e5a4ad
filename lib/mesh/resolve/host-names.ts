// The shape of host names: which are wildcards, which name a Kubernetes Service, and how a
// Service's fully qualified name reads. Resolution (what a written host stands for) is in
// resolve-host.ts.

/** Kubernetes' default cluster domain; Weir does not know another one. */
export const CLUSTER_DOMAIN = 'cluster.local';

/** What follows `name.namespace` in a Service's fully qualified name. */
export const CLUSTER_SUFFIX = `.svc.${CLUSTER_DOMAIN}`;

/** The fully qualified name of a Service: `reviews.shop.svc.cluster.local`. */
export function serviceFqdn(name: string, namespace: string): string {
  return `${name}.${namespace}${CLUSTER_SUFFIX}`;
}

// A Service's name is a DNS-1035 label, its namespace a DNS-1123 label (both lower case).
const SERVICE_NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Whether a Service backendRef's name and namespace can name a Service at all. Istio looks the
 * Service up by its exact namespace/name and refuses a name with a dot outright
 * (pilot/pkg/config/kube/gateway/conversion.go, InvalidDestination); since no Service is named
 * otherwise than a DNS-1035 label, `CART` or `cart.shop` names none (BackendNotFound), though
 * a host name compares without case.
 */
export function isServiceKey(name: string, namespace: string): boolean {
  return SERVICE_NAME.test(name) && NAMESPACE_NAME.test(namespace);
}

/** Hosts compare without case, as DNS names do, and without stray spaces. */
export function normalizeHost(host: string): string {
  return host.trim().toLowerCase();
}

/** Mirrors Istio's `host.Name.IsWildCarded` (pkg/config/host/name.go): a leading `*`. */
export function isWildcardHost(host: string): boolean {
  return host.startsWith('*');
}

/** Whether a fully qualified host names a Service inside the cluster. */
export function isClusterHost(fqdn: string): boolean {
  // name.namespace.svc.cluster.local: five labels.
  return fqdn.endsWith(CLUSTER_SUFFIX) && fqdn.split('.').length === 5;
}

/** The namespace of a cluster host (`reviews.shop.svc.cluster.local` → `shop`), else undefined. */
export function hostNamespace(fqdn: string): string | undefined {
  return isClusterHost(fqdn) ? fqdn.split('.')[1] : undefined;
}

/** How a host is shown: the Service name for a cluster host, the whole name otherwise. */
export function shortHost(fqdn: string): string {
  return isClusterHost(fqdn) ? (fqdn.split('.')[0] ?? fqdn) : fqdn;
}
