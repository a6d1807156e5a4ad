// What a host written in a VirtualService, DestinationRule or ServiceEntry stands for.
//
// Istio's own rule (ResolveShortnameToFQDN, pilot/pkg/model/config.go): `*` and IP addresses
// stay as written; a name without a dot is a Service in the object's namespace
// (`reviews` in `shop` → `reviews.shop.svc.cluster.local`); any name with a dot is taken as
// fully qualified. Weir is more lenient in one place, on purpose: `reviews.shop` and
// `reviews.shop.svc` are what Kubernetes DNS resolves for a caller, so they are also read as
// the Service `reviews.shop.svc.cluster.local` rather than reported as a host that does not exist.

import { CLUSTER_DOMAIN, isWildcardHost, normalizeHost, serviceFqdn } from './host-names';
import { isIpAddress } from './ip-address';

/**
 * The names a host written in `namespace` may stand for, most literal first. The first is
 * Istio's reading (ResolveShortnameToFQDN); the second, for `name.namespace` and
 * `name.namespace.svc`, the Service Kubernetes DNS would find.
 */
export function hostCandidates(host: string, namespace: string): string[] {
  const name = normalizeHost(host);
  if (name === '' || isWildcardHost(name) || isIpAddress(name)) return [name];
  // Istio appends the namespace only when it has one (`meta.Namespace != ""`).
  if (!name.includes('.')) return [namespace ? serviceFqdn(name, namespace) : name];
  if (name.endsWith('.svc')) return [name, `${name}.${CLUSTER_DOMAIN}`];
  if (name.split('.').length === 2) return [name, `${name}.svc.${CLUSTER_DOMAIN}`];
  return [name];
}

/**
 * Whether a host names something inside the cluster (as opposed to an external name such
 * as `api.example.com`). `name.namespace` counts only when the namespace is known; with no
 * set of namespaces given, every namespace counts as known.
 */
export function isClusterLocalHost(host: string, knownNamespaces?: ReadonlySet<string>): boolean {
  const name = normalizeHost(host);
  if (isIpAddress(name)) return false;
  if (!name.includes('.')) return true;
  if (name.endsWith('.svc') || name.endsWith(`.svc.${CLUSTER_DOMAIN}`)) return true;
  const labels = name.split('.');
  return labels.length === 2 && (knownNamespaces === undefined || knownNamespaces.has(labels[1] ?? ''));
}

/**
 * The one name Weir files a host under: `reviews` in `shop` → `reviews.shop.svc.cluster.local`;
 * `reviews.shop` likewise when `shop` is a namespace Weir knows of (or no set is given), so
 * `example.com` stays external. Wildcards, IP addresses and external names stay as written.
 */
export function resolveHost(host: string, namespace: string, knownNamespaces?: ReadonlySet<string>): string {
  const candidates = hostCandidates(host, namespace);
  const pick = isClusterLocalHost(host, knownNamespaces) ? candidates.length - 1 : 0;
  return candidates[pick] ?? normalizeHost(host);
}
