/** Host names as Istio reads them: short names, namespace-relative names and wildcards. */

/** Kubernetes' default cluster domain; Weir does not know another one. */
export const CLUSTER_DOMAIN = 'cluster.local';

/** The fully qualified name of a Service. */
export function serviceFqdn(name: string, namespace: string): string {
  return `${name}.${namespace}.svc.${CLUSTER_DOMAIN}`;
}

/** Hosts compare without case, as DNS names do. */
export function normalizeHost(host: string): string {
  return host.trim().toLowerCase();
}

export function isWildcardHost(host: string): boolean {
  return host.startsWith('*');
}

/**
 * The names a host written in `namespace` may stand for, most literal first: `reviews` is
 * `reviews.<namespace>.svc.cluster.local`; `reviews.prod` and `reviews.prod.svc` are also
 * tried as `…svc.cluster.local` (Kubernetes DNS resolves them; Istio itself expands only
 * names without a dot, so Weir is lenient here rather than report a working host).
 */
export function hostCandidates(host: string, namespace: string): string[] {
  const name = normalizeHost(host);
  if (isWildcardHost(name)) return [name];
  if (!name.includes('.')) return [serviceFqdn(name, namespace)];
  if (name.endsWith('.svc')) return [name, `${name}.${CLUSTER_DOMAIN}`];
  if (name.split('.').length === 2) return [name, `${name}.svc.${CLUSTER_DOMAIN}`];
  return [name];
}

/**
 * Whether a host names something inside the cluster (as opposed to an external name such
 * as `api.example.com`). `name.namespace` counts only when the namespace is known.
 */
export function isClusterLocalHost(host: string, knownNamespaces: ReadonlySet<string>): boolean {
  const name = normalizeHost(host);
  if (!name.includes('.')) return true;
  if (name.endsWith('.svc') || name.endsWith(`.svc.${CLUSTER_DOMAIN}`)) return true;
  const labels = name.split('.');
  return labels.length === 2 && knownNamespaces.has(labels[1] ?? '');
}

/**
 * Whether two hosts, either of which may be a wildcard (`*.example.com`, `*`), can name the
 * same request host.
 */
export function hostsOverlap(a: string, b: string): boolean {
  const x = normalizeHost(a);
  const y = normalizeHost(b);
  const xWild = isWildcardHost(x);
  const yWild = isWildcardHost(y);
  if (!xWild && !yWild) return x === y;
  if (xWild && yWild) {
    // `*.example.com` and `*.shop.example.com` overlap: the longer suffix ends with the shorter.
    const xs = x.slice(1);
    const ys = y.slice(1);
    return xs.length <= ys.length ? ys.endsWith(xs) : xs.endsWith(ys);
  }
  const [wild, plain] = xWild ? [x, y] : [y, x];
  return plain.endsWith(wild.slice(1));
}

/**
 * Splits a Gateway server host `namespace/host` into its parts; no prefix means any namespace,
 * `.` the Gateway's own namespace.
 */
export function splitServerHost(
  entry: string,
  gatewayNamespace: string,
): { namespace: string; host: string } {
  const slash = entry.indexOf('/');
  if (slash < 0) return { namespace: '*', host: entry };
  const namespace = entry.slice(0, slash);
  return { namespace: namespace === '.' ? gatewayNamespace : namespace, host: entry.slice(slash + 1) };
}
