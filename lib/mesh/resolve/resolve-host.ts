// What a host written in a VirtualService, DestinationRule or ServiceEntry stands for.
//
// Istio's own rule (ResolveShortnameToFQDN, pilot/pkg/model/config.go): `*` and IP addresses
// stay as written; a name without a dot is a Service in the object's namespace
// (`reviews` in `shop` → `reviews.shop.svc.cluster.local`); any name with a dot is taken as
// fully qualified. Weir is more lenient in one place, on purpose: `reviews.shop` and
// `reviews.shop.svc` are what Kubernetes DNS resolves for a caller, so they are also read as
// the Service `reviews.shop.svc.cluster.local` rather than reported as a host that does not exist.

import { CLUSTER_DOMAIN, CLUSTER_SUFFIX, isWildcardHost, normalizeHost, serviceFqdn } from './host-names';
import { isIpAddress } from './ip-address';

// An IP address stays as written (Istio's netutil.IsValidIPAddress). An IPv4 address has four
// labels, which no rule below expands; an IPv6 one has no dot but a colon, which no host name has.
const isIpV6 = (name: string) => name.includes(':') && isIpAddress(name);

/** Whether a name with one dot at `dot` has exactly two labels. */
const twoLabels = (name: string, dot: number) => name.indexOf('.', dot + 1) < 0;

/**
 * The names a host written in `namespace` may stand for, most literal first. The first is
 * Istio's reading (ResolveShortnameToFQDN); the second, for `name.namespace` and
 * `name.namespace.svc`, the Service Kubernetes DNS would find.
 */
export function hostCandidates(host: string, namespace: string): string[] {
  const name = normalizeHost(host);
  if (name === '' || isWildcardHost(name)) return [name];
  const dot = name.indexOf('.');
  // Istio appends the namespace only when it has one (`meta.Namespace != ""`).
  if (dot < 0) return [namespace && !isIpV6(name) ? serviceFqdn(name, namespace) : name];
  if (name.endsWith('.svc')) return [name, `${name}.${CLUSTER_DOMAIN}`];
  if (twoLabels(name, dot)) return [name, `${name}${CLUSTER_SUFFIX}`];
  return [name];
}

/**
 * Whether a host names something inside the cluster (as opposed to an external name such
 * as `api.example.com`). `name.namespace` counts only when the namespace is known; with no
 * set of namespaces given, every namespace counts as known.
 */
export function isClusterLocalHost(host: string, knownNamespaces?: ReadonlySet<string>): boolean {
  return clusterLocal(normalizeHost(host), knownNamespaces);
}

function clusterLocal(name: string, knownNamespaces: ReadonlySet<string> | undefined): boolean {
  const dot = name.indexOf('.');
  if (dot < 0) return !isIpV6(name);
  if (name.endsWith('.svc') || name.endsWith(CLUSTER_SUFFIX)) return true;
  return twoLabels(name, dot) && (knownNamespaces === undefined || knownNamespaces.has(name.slice(dot + 1)));
}

/**
 * The one name Weir files a host under: `reviews` in `shop` → `reviews.shop.svc.cluster.local`;
 * `reviews.shop` likewise when `shop` is a namespace Weir knows of (or no set is given), so
 * `example.com` stays external. Wildcards, IP addresses and external names stay as written.
 * The cluster-local one of hostCandidates, without building the list: the graph calls it for
 * every destination.
 */
export function resolveHost(host: string, namespace: string, knownNamespaces?: ReadonlySet<string>): string {
  const name = normalizeHost(host);
  if (name === '' || isWildcardHost(name)) return name;
  if (!clusterLocal(name, knownNamespaces)) return name;
  if (!name.includes('.')) return namespace ? serviceFqdn(name, namespace) : name;
  if (name.endsWith('.svc')) return `${name}.${CLUSTER_DOMAIN}`;
  return name.endsWith(CLUSTER_SUFFIX) ? name : `${name}${CLUSTER_SUFFIX}`;
}
