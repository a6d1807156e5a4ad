import type { DestinationAddress, RouteAddress } from '../mesh/route-address';
import type { ObjectRef } from '../mesh/types';
import type { Severity } from '../validate/types';

/**
 * The graph Weir draws, in its own types (shaped like React Flow's, but free of it).
 * Columns, left to right: gateway → virtualService → route → destination → subset → workload.
 * Services that no VirtualService routes are drawn in the destination column.
 */
export type GraphNodeKind =
  | 'gateway'
  | 'virtualService'
  | 'route'
  | 'destination'
  | 'subset'
  | 'serviceEntry'
  | 'workload'
  | 'invalid';

/** A problem drawn where it is: a lib/validate finding attached to the node or edge it concerns. */
export interface GraphProblem {
  severity: Severity;
  message: string;
  code?: string;
}

export interface GraphNode {
  /** Derived from object identity (`vs:ns/name`, `route:ns/name/http/0`): stable across updates. */
  id: string;
  kind: GraphNodeKind;
  /** Namespace the node belongs to (for filtering and collapsing). */
  namespace: string;
  /** Short title, e.g. the object name or `http[0]`. */
  label: string;
  /** What the node is, where its kind's tag would say less (`HTTPRoute` in the VirtualService column). */
  tag?: string;
  /** Lines under the title: hosts, match conditions in brief, subset labels, ready pods. */
  details: string[];
  /** The object to open in the inspector, where the node stands for one. */
  ref?: ObjectRef;
  /** Path inside the object (`spec.http[0]`, `spec.subsets[1]`). */
  path?: string;
  /** Set on `route` nodes: the route, as data (never parsed back out of `path`). */
  route?: RouteAddress;
  /**
   * How many gateways traffic has passed through to reach this node: 1 for an egress gateway
   * a sidecar sends to, and for the routes and destinations past it. The layout draws each
   * hop in columns of its own, right of the one before, so the chain reads left to right.
   */
  hop?: number;
  problems: GraphProblem[];
}

/**
 * `egress`: a destination that is a Gateway's own Service on to that Gateway; `entry`: a
 * destination on to the ServiceEntry declaring its host.
 */
export type GraphEdgeKind =
  | 'binds'
  | 'route'
  | 'weight'
  | 'mirror'
  | 'delegate'
  | 'subset'
  | 'workload'
  | 'egress'
  | 'entry';

/** What a hop (`egress`, `entry`) carries: the listener or port, SNI, and TLS as configured. */
export interface HopData {
  port?: number;
  protocol?: string;
  /** SNI hosts the Gateway server accepts on that port (egress). */
  sni?: string[];
  /** TLS mode: the Gateway server's (PASSTHROUGH, SIMPLE …) or the DestinationRule's origination (SIMPLE, MUTUAL …). */
  tls?: string;
  /** Where the TLS mode comes from. */
  tlsFrom?: 'gateway' | 'destinationRule';
  /** The credential (Secret) the TLS uses, by name; its content is never read. */
  credential?: string;
  /** The hop was inferred from a VirtualService because the Gateway's Service is not in view. */
  inferred?: boolean;
}

/** What a route → destination edge carries: where its slider writes to (its address) and what it shows. */
export interface WeightData extends DestinationAddress {
  host: string;
  subset?: string;
  port?: number;
  /** The effective percentage, as Istio applies it (a lone destination without weight is 100). */
  weight: number;
  /** False when the weight is implied rather than written in the object. */
  explicit: boolean;
  /** A Gateway API backendRef's weight as written: relative to the rule's others (`weight` is its share). */
  relative?: number;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: GraphEdgeKind;
  /** Set on `weight` edges. */
  weight?: WeightData;
  /** Set on `egress` and `entry` edges. */
  hop?: HopData;
  /** Set on `mirror` edges: the mirrored percentage. */
  mirrorPercent?: number;
  /** The object the edge stands for, where it stands for a field of one (a VirtualService). */
  ref?: ObjectRef;
  /** Path of that field: `spec.http[0].route[1]`, `spec.http[0].mirror`, `spec.gateways[0]`. */
  path?: string;
  problems: GraphProblem[];
}

export interface MeshGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}
