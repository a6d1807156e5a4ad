// Where a VirtualService and each match of its routes apply: the sidecars (`mesh`) or Gateways,
// one key each. Shared by the validator and the graph (an egress gateway's own routes).

import { MESH_GATEWAY, parseGatewayRef } from './gateway-ref';

interface Bindable {
  metadata: { namespace?: string };
  spec: { gateways?: unknown };
}

const names = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string') : [];

/** A gateway reference resolved to one key: `mesh` or `namespace/name`. */
export function gatewayKey(reference: string, vsNamespace: string): string {
  const ref = parseGatewayRef(reference, vsNamespace);
  return ref.mesh ? MESH_GATEWAY : `${ref.namespace}/${ref.name}`;
}

/**
 * The gateways a VirtualService is bound to: its `gateways`, or the sidecars (`mesh`) when
 * there are none (Istio's getGatewayNames). istiod hands a VirtualService only to these.
 */
export function boundGateways(vs: Bindable): Set<string> {
  const namespace = vs.metadata.namespace ?? '';
  const references = names(vs.spec.gateways);
  if (references.length === 0) return new Set([MESH_GATEWAY]);
  return new Set(references.map((reference) => gatewayKey(reference, namespace)));
}

/**
 * Where one match of a route can apply: the gateways it names that the VirtualService is bound
 * to, or every bound gateway when it names none. A match naming only other gateways never
 * applies: istiod builds a gateway's routes from the VirtualServices bound to it and drops a
 * match whose `gateways` do not hold that gateway (sourceMatchHTTP, l4SingleMatch).
 */
export function matchGateways(
  match: Readonly<Record<string, unknown>>,
  bound: ReadonlySet<string>,
  vsNamespace: string,
): string[] {
  const named = names(match.gateways);
  if (named.length === 0) return [...bound];
  return named.map((reference) => gatewayKey(reference, vsNamespace)).filter((key) => bound.has(key));
}

/** Where a route applies: the union over its matches, or every bound gateway when it has none. */
export function routeGateways(
  route: Readonly<Record<string, unknown>>,
  bound: ReadonlySet<string>,
  vsNamespace: string,
): Set<string> {
  const matches = Array.isArray(route.match) ? route.match : [];
  if (matches.length === 0) return new Set(bound);
  const out = new Set<string>();
  for (const match of matches) {
    const entry = match !== null && typeof match === 'object' ? (match as Record<string, unknown>) : {};
    for (const key of matchGateways(entry, bound, vsNamespace)) out.add(key);
  }
  return out;
}
