// Whether hosts, any of which may be a wildcard (`*.example.com`, `*`), meet. A wildcard
// covers every name ending in what follows its `*`.

import { isWildcardHost, normalizeHost } from './host-names';

/**
 * Whether two hosts can name the same request host. Mirrors Istio's `host.Name.Matches`
 * (pkg/config/host/name.go), comparing without case.
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
 * Whether `pattern` covers every request host `host` can name. Mirrors Istio's
 * `host.Name.SubsetOf` (pkg/config/host/name.go) as `host.SubsetOf(pattern)`; both are
 * already resolved and lower case, as graph and validator keep them.
 */
export function hostCovers(pattern: string, host: string): boolean {
  if (pattern === host) return true;
  if (!isWildcardHost(pattern)) return false;
  return host.endsWith(pattern.slice(1));
}

/**
 * The hosts two lists both name: for each pair where one covers the other, the narrower one,
 * each once, in the order of `a`. Mirrors Istio's `host.Names.Intersection`
 * (pkg/config/host/names.go), which decides the domains a Gateway server and a
 * VirtualService share.
 */
export function hostIntersection(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  for (const x of a) {
    for (const y of b) {
      const pick = hostCovers(y, x) ? x : hostCovers(x, y) ? y : undefined;
      if (pick !== undefined && !out.includes(pick)) out.push(pick);
    }
  }
  return out;
}
