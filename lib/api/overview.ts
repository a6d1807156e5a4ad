import type { Kind } from '../mesh/types';

/** What one namespace holds, as the overview draws it: counts, never the objects. */
export interface NamespaceCounts {
  virtualServices: number;
  /** HTTP, TCP and TLS routes of its VirtualServices. */
  routes: number;
  services: number;
  serviceEntries: number;
  destinationRules: number;
  /** DestinationRule subsets. */
  subsets: number;
  gateways: number;
  /** Pods. */
  workloads: number;
  /** Objects Weir could not read. */
  invalid: number;
}

/** One namespace of GET /api/overview. */
export interface NamespaceSummary {
  name: string;
  counts: NamespaceCounts;
  /** About how many nodes the namespace's own part of the graph draws (from the counts). */
  nodes: number;
  /**
   * The rules' findings in this namespace, as its own view (`/?namespace=`) shows them; absent
   * when some of what that view holds is hidden from the person (a count over it could tell
   * them about the rest).
   */
  problems?: { errors: number; warnings: number };
  /** VirtualServices (from any namespace, this one too) bound to this namespace's Gateways. */
  gatewayFanIn: number;
}

/**
 * Routing from one namespace into another: `route` from the namespace of a VirtualService to
 * the namespace its destinations, mirrors or delegates are in; `gateway` from the namespace of
 * a Gateway to the namespace of a VirtualService bound to it. `count` is how many references.
 */
export interface NamespaceLink {
  source: string;
  target: string;
  kind: 'route' | 'gateway';
  count: number;
}

/**
 * GET /api/overview: the mesh the person may see, one entry per namespace. `large` says the
 * whole graph is past what the page draws at once (`limits`), so the all-namespaces view
 * opens as one node per namespace.
 */
export interface OverviewAnswer {
  sequence: number;
  large: boolean;
  limits: { nodes: number; namespaces: number };
  /** Sums over the namespaces listed. */
  totals: NamespaceCounts & { nodes: number; namespaces: number };
  namespaces: NamespaceSummary[];
  links: NamespaceLink[];
}

/** One object a search found: the namespace to open and what matched. */
export interface SearchHit {
  namespace: string;
  kind: Kind;
  name: string;
  /** The name or host that matched the query. */
  matched: string;
}

/** GET /api/search?q=: objects whose name or host holds the query, the best first. */
export interface SearchAnswer {
  query: string;
  hits: SearchHit[];
  /** True when more matched than were answered. */
  more: boolean;
}

/**
 * One message of GET /api/overview/events (`data:`, its `id:` the sequence): the entries of
 * the namespaces whose overview changed since the last message, as GET /api/overview would
 * answer them now, and every link touching them. `removed`: namespaces no longer listed.
 */
export interface OverviewPatch {
  sequence: number;
  namespaces: NamespaceSummary[];
  removed: string[];
  links: NamespaceLink[];
}
