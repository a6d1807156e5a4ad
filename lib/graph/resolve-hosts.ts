// Host names as Istio reads them in a VirtualService or DestinationRule: a short name is a
// Service in the object's own namespace; `name.namespace` and `name.namespace.svc` are the
// same Service written longer. Wildcards and external names are kept as written.

export const CLUSTER_SUFFIX = '.svc.cluster.local';

/**
 * The fully qualified form of `host` written in `namespace`: `reviews` in `shop` →
 * `reviews.shop.svc.cluster.local`. `reviews.shop` expands only when `shop` is a namespace
 * Weir knows of (or no set is given), so `example.com` stays external.
 */
export function resolveHost(host: string, namespace: string, knownNamespaces?: ReadonlySet<string>): string {
  const name = host.trim().toLowerCase();
  if (name === '' || name.startsWith('*')) return name;
  if (!name.includes('.')) return namespace ? `${name}.${namespace}${CLUSTER_SUFFIX}` : name;
  if (name.endsWith('.svc')) return `${name}.cluster.local`;
  const parts = name.split('.');
  if (parts.length === 2 && (knownNamespaces === undefined || knownNamespaces.has(parts[1] ?? ''))) {
    return `${name}${CLUSTER_SUFFIX}`;
  }
  return name;
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

/** Whether a host (possibly a wildcard such as `*.example.com` or `*`) covers a fully qualified one. */
export function hostCovers(pattern: string, fqdn: string): boolean {
  if (pattern === fqdn) return true;
  if (!pattern.startsWith('*')) return false;
  return fqdn.endsWith(pattern.slice(1));
}
