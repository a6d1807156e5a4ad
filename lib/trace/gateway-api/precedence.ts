import { list, record, text } from '../../graph/read';

// The Gateway API's order among the rules of every route attached to one listener and host.
// The spec (HTTPRouteRule, "matching precedence") reads: "Proxy or Load Balancer routing
// configuration generated from HTTPRoutes MUST prioritize matches based on the following
// criteria, continuing on ties. [...] 1. Characters in a matching non-wildcard hostname.
// 2. Characters in a matching hostname. 3. Characters in a matching path. 4. Method match.
// 5. Largest number of header matches. 6. Largest number of query param matches. If ties
// still exist across multiple Routes, matching precedence MUST be determined in order of the
// following criteria, continuing on ties: The oldest Route based on creation timestamp. The
// Route appearing first in alphabetical order by "{namespace}/{name}". If ties still exist
// within an HTTPRoute, matching precedence MUST be granted to the FIRST matching rule (in
// list order) with a match meeting the above criteria."
//
// Hostnames pick the virtual host before any path is compared (pickHostname). Within it,
// Weir orders as istiod does (pilot/pkg/config/kube/gateway: sortRoutesByCreationTime, then
// the stable sortHTTPRoutes over the merged rules): path type Exact > PathPrefix >
// RegularExpression, then the longer path value (a regex too: istiod compares its length),
// then a method match, more headers, more query params; the stable sort keeps creation time,
// namespace/name and rule/match order for what is still tied. A GRPCRoute match is ranked by
// the path istiod makes of it: service and method exact → Exact "/service/method"; service
// only → PathPrefix "/service/"; a method only or a regex → RegularExpression; neither → no
// path, after every match with one. The spec's gRPC order (characters of a matching service,
// then of a matching method, then headers) gives the same order for matches that can both hit.

/** One match of one rule of one route, as ranked. `match` absent: the rule has no matches. */
export interface RankedMatch {
  kind: 'HTTPRoute' | 'GRPCRoute';
  namespace: string;
  name: string;
  creationTimestamp?: string;
  ruleIndex: number;
  /** Absent for a rule without matches. */
  matchIndex?: number;
  match?: Record<string, unknown>;
}

/** How istiod ranks a match's path: 3 Exact, 2 PathPrefix, 1 RegularExpression, -1 none; and the value's length. */
export function pathRank(entry: RankedMatch): { rank: number; length: number } {
  const match = entry.match;
  if (entry.kind === 'GRPCRoute') return grpcPathRank(match);
  // The API server defaults a missing path (and a rule without matches) to PathPrefix "/".
  const path = record(match?.path);
  const type = text(path.type) ?? 'PathPrefix';
  let value = text(path.value) ?? '/';
  if (type === 'Exact') return { rank: 3, length: value.length };
  if (type === 'RegularExpression') return { rank: 1, length: value.length };
  // "When specified, a trailing `/` is ignored" (istiod trims it before ranking).
  if (value !== '/' && value.endsWith('/')) value = value.slice(0, -1);
  return { rank: 2, length: value.length };
}

function grpcPathRank(match: Record<string, unknown> | undefined): { rank: number; length: number } {
  const method = record(match?.method);
  const service = text(method.service);
  const name = text(method.method);
  if (!service && !name) return { rank: -1, length: 0 };
  if ((text(method.type) ?? 'Exact') === 'Exact') {
    if (service && name) return { rank: 3, length: `/${service}/${name}`.length };
    if (service) return { rank: 2, length: `/${service}/`.length };
  }
  return { rank: 1, length: `/${service ?? '[^/]+'}/${name ?? '.+'}`.length };
}

/** Negative when `a` is tried before `b` (rank, length, method, headers, query params); 0 when tied. */
export function compareSpecificity(a: RankedMatch, b: RankedMatch): number {
  const noneA = a.kind === 'GRPCRoute' ? a.match === undefined : false;
  const noneB = b.kind === 'GRPCRoute' ? b.match === undefined : false;
  if (noneA !== noneB) return noneA ? 1 : -1;
  const pa = pathRank(a);
  const pb = pathRank(b);
  if (pa.rank !== pb.rank) return pb.rank - pa.rank;
  if (pa.length !== pb.length) return pb.length - pa.length;
  const ma = text(a.match?.method) !== undefined && a.kind === 'HTTPRoute';
  const mb = text(b.match?.method) !== undefined && b.kind === 'HTTPRoute';
  if (ma !== mb) return ma ? -1 : 1;
  const ha = list(a.match?.headers).length;
  const hb = list(b.match?.headers).length;
  if (ha !== hb) return hb - ha;
  return list(b.match?.queryParams).length - list(a.match?.queryParams).length;
}

/** Negative when `a`'s route is older, or as old and first by namespace/name; then rule and match order. */
export function compareAge(a: RankedMatch, b: RankedMatch): number {
  const ta = a.creationTimestamp ? Date.parse(a.creationTimestamp) : Number.NaN;
  const tb = b.creationTimestamp ? Date.parse(b.creationTimestamp) : Number.NaN;
  // A route without a readable creation time (a file) counts as oldest, as a zero time does in Go.
  const va = Number.isNaN(ta) ? Number.NEGATIVE_INFINITY : ta;
  const vb = Number.isNaN(tb) ? Number.NEGATIVE_INFINITY : tb;
  if (va !== vb) return va < vb ? -1 : 1;
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  if (a.ruleIndex !== b.ruleIndex) return a.ruleIndex - b.ruleIndex;
  return (a.matchIndex ?? 0) - (b.matchIndex ?? 0);
}

/** The matches in the order the proxy tries them (a new array). */
export function orderMatches<T extends RankedMatch>(matches: readonly T[]): T[] {
  return [...matches].sort((a, b) => compareSpecificity(a, b) || compareAge(a, b));
}

/** Every match of every rule of a route, ready to rank (a rule without matches gives one entry without `match`). */
export function rankedMatchesOf(route: {
  kind: string;
  metadata: { namespace?: string; name: string; creationTimestamp?: unknown };
  spec: unknown;
}): RankedMatch[] {
  const kind = route.kind === 'GRPCRoute' ? 'GRPCRoute' : 'HTTPRoute';
  const base = {
    kind,
    namespace: route.metadata.namespace ?? '',
    name: route.metadata.name,
    ...(typeof route.metadata.creationTimestamp === 'string' && {
      creationTimestamp: route.metadata.creationTimestamp,
    }),
  } as const;
  return list(record(route.spec).rules).flatMap((rule, ruleIndex) => {
    const matches = list(record(rule).matches);
    if (matches.length === 0) return [{ ...base, ruleIndex }];
    return matches.map((match, matchIndex) => ({ ...base, ruleIndex, matchIndex, match: record(match) }));
  });
}

/**
 * Which of the hostnames a listener serves answers `host`, as the proxy picks its virtual
 * host: the exact name first, then the wildcard with the longest suffix, then `*`. Undefined:
 * none covers it. A wildcard covers one or more labels (`*.example.com` covers
 * `a.b.example.com`, not `example.com`).
 */
export function pickHostname(hostnames: readonly string[], host: string): string | undefined {
  const wanted = host.toLowerCase();
  let best: string | undefined;
  let bestScore = -1;
  for (const written of hostnames) {
    const name = written.toLowerCase();
    let score = -1;
    if (name === wanted) score = Number.MAX_SAFE_INTEGER;
    else if (name === '*') score = 0;
    else if (name.startsWith('*.') && wanted.endsWith(name.slice(1)) && wanted.length > name.length - 1)
      score = name.length;
    if (score > bestScore) {
      best = written;
      bestScore = score;
    }
  }
  return best;
}
