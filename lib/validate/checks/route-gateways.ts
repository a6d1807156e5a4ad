import { MESH_GATEWAY, parseGatewayRef } from '../../mesh/resolve';
import type { VirtualService } from '../../mesh/types';
import { list, namespaceOf } from '../walk';

/** A gateway reference resolved to one key: `mesh` or `namespace/name`. */
export function gatewayKey(reference: string, vsNamespace: string): string {
  const ref = parseGatewayRef(reference, vsNamespace);
  return ref.mesh ? MESH_GATEWAY : `${ref.namespace}/${ref.name}`;
}

/**
 * The gateways a VirtualService is bound to: its `gateways`, or the sidecars (`mesh`) when
 * there are none (Istio's getGatewayNames). istiod hands a VirtualService only to these.
 */
export function boundGateways(vs: VirtualService): Set<string> {
  const namespace = namespaceOf(vs);
  const references = list(vs.spec.gateways).filter((g): g is string => typeof g === 'string');
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
  const named = list(match.gateways as unknown[] | undefined).filter(
    (g): g is string => typeof g === 'string',
  );
  if (named.length === 0) return [...bound];
  return named.map((reference) => gatewayKey(reference, vsNamespace)).filter((key) => bound.has(key));
}
