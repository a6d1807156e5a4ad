import type { ObjectRef } from '../mesh/types';

export type Severity = 'error' | 'warning' | 'info';

/** One problem with the routing, found by a rule over a snapshot. */
export interface Finding {
  /** Stable code of the rule, e.g. `VS_SUBSET_NOT_FOUND`. */
  code: string;
  severity: Severity;
  /** The object the problem is in. */
  ref: ObjectRef;
  /**
   * Field path inside the object, dotted with indexes: `spec.http[0].route[1].destination.subset`.
   * The graph attaches a finding to the deepest node or edge whose path is a prefix of it.
   */
  path: string;
  message: string;
  /** The matching `istioctl analyze` message code, where there is one (`IST0101`). */
  istioCode?: string;
}
