import { GATEWAY_ROUTE_KINDS, type GatewayRouteKind } from './gateway-api-types';
import type { StoredObject } from './types';

/**
 * The namespaces a Gateway API route points into besides its own: its parents' (a Gateway in
 * another namespace) and its backends' (backendRefs and mirrors naming a namespace). A view of
 * the route's namespace needs the Gateway and the Services there.
 */
export function gatewayRouteNamespaces(object: StoredObject): string[] {
  if (!GATEWAY_ROUTE_KINDS.includes(object.kind as GatewayRouteKind)) return [];
  const own = object.metadata.namespace ?? '';
  const found = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && value !== '' && value !== own) found.add(value);
  };
  const spec = record((object as { spec?: unknown }).spec);
  for (const parent of array(spec.parentRefs)) add(record(parent).namespace);
  for (const rule of array(spec.rules)) {
    for (const backend of array(record(rule).backendRefs)) add(record(backend).namespace);
    for (const filter of array(record(rule).filters))
      add(record(record(record(filter).requestMirror).backendRef).namespace);
  }
  return [...found];
}

function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
