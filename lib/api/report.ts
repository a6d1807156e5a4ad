import type { HistoryEntry } from '../mesh/history';
import type { ObjectKey, RouteKind } from '../mesh/types';
import type { Finding } from '../validate/types';

/**
 * GET /api/report?format=json: the routing of some namespaces as it stands (or stood), and the
 * changes in a period: evidence for an audit. The Markdown, SVG and PNG formats draw the same.
 */
export interface RoutingReport {
  generatedAt: string;
  generatedBy: string;
  source: string;
  namespaces: string[];
  /** The time the routing below is of: `generatedAt`, or the past time asked for. */
  asOf: string;
  /** Set for a past time: what could not be put back as it was. */
  past?: PastNote;
  period: { from?: string; to?: string };
  /** The graph of this routing, drawn by Weir (paths to fetch it, relative to Weir's address). */
  graph: GraphReference;
  gateways: Array<{
    namespace: string;
    name: string;
    selector: Record<string, string>;
    servers: Array<{ port: number; protocol: string; hosts: string[]; tls?: string }>;
  }>;
  virtualServices: Array<{
    namespace: string;
    name: string;
    resourceVersion?: string;
    hosts: string[];
    gateways: string[];
    lockedBy?: string;
    routes: Array<{
      kind: RouteKind;
      index: number;
      name?: string;
      match: string;
      destinations: Array<{ host: string; subset?: string; port?: number; weight: number }>;
      also: string[];
    }>;
  }>;
  destinationRules: Array<{
    namespace: string;
    name: string;
    host: string;
    subsets: Array<{ name: string; labels: Record<string, string> }>;
  }>;
  findings: Finding[];
  changes: Array<Omit<HistoryEntry, 'before' | 'after' | 'change'>>;
  /** What Prometheus measured on each weight edge over the period (absent: Weir has no Prometheus). */
  measured?: MeasuredSplit;
}

/** The traffic split each route destination received over a period, beside its weight now. */
export interface MeasuredSplit {
  from: string;
  to: string;
  /** Set when Prometheus did not answer the requests' queries: why (the rows are then empty). */
  unavailable?: string;
  /** Figures Prometheus did not answer while the requests came (TCP's), each with why: the rows lack them. */
  missing?: string[];
  edges: Array<{
    /** The route's VirtualService (or Gateway API route) and the route within it. */
    namespace: string;
    name: string;
    /** The route's object: VirtualService, HTTPRoute, GRPCRoute, TCPRoute or TLSRoute. */
    objectKind: string;
    /** The route within it: http, tcp, tls (a VirtualService's) or rules (a Gateway API route's). */
    kind: string;
    index: number;
    host: string;
    subset?: string;
    weight: number;
    /** Mean requests per second over the period. */
    rps: number;
    /** Of the route's requests (a TCP or TLS route's: of its connections opened, or bytes sent when none opened), 0..1 (absent: the route had none). */
    share?: number;
    /** Not answered with a 5xx, 0..1 (absent: no request). */
    success?: number;
    /** A TCP route's: mean bytes sent back per second, and connections opened per second (absent: no TCP series). */
    tcpBytes?: number;
    tcpConnections?: number;
  }>;
}

/** What a report of a past time says of its own accuracy. */
export interface PastNote {
  /** Objects changed since whose earlier spec was not recorded: as they are now. */
  approximate: ObjectKey[];
  /** False when more changes were recorded since than Weir reads for one answer. */
  complete: boolean;
  /** Services, pods and labels are not in the history. */
  note: string;
}

export interface GraphReference {
  svg: string;
  png: string;
  nodes: number;
  edges: number;
}
