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
  problems: GraphProblem[];
}

export type GraphEdgeKind = 'binds' | 'route' | 'weight' | 'mirror' | 'delegate' | 'subset' | 'workload';

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
