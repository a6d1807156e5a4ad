import { gatewayRouteNamespaces } from './gateway-api-references';
import { hostNamespace, parseGatewayRef, resolveHost } from './resolve';
import type { ObjectKey, StoredObject } from './types';

/**
 * The namespaces an object's routing points into besides its own: for a VirtualService the
 * namespaces of the gateways it binds, of the hosts it claims, routes and mirrors to and of
 * its delegates; for a DestinationRule its host's. A view of a namespace needs what these
 * name (the gateway in istio-system, the Service a route sends to) and the objects elsewhere
 * that point into it. A host's namespace is read from its name as Weir resolves it
 * (lib/mesh/resolve, every `name.namespace` taken as a Service): an external host may name a
 * namespace that does not exist, and a view then holds nothing more.
 */
export function namespacesReferenced(object: StoredObject): string[] {
  if (object.kind !== 'VirtualService' && object.kind !== 'DestinationRule')
    return gatewayRouteNamespaces(object);
  const own = object.metadata.namespace ?? '';
  const found = new Set<string>();
  const host = (value: unknown) => {
    const namespace = typeof value === 'string' ? hostNamespace(resolveHost(value, own)) : undefined;
    if (namespace !== undefined && namespace !== own) found.add(namespace);
  };
  const spec = (object.spec ?? {}) as Record<string, unknown>;
  if (object.kind === 'DestinationRule') {
    host(spec.host);
    return [...found];
  }
  for (const value of array(spec.hosts)) host(value);
  for (const reference of array(spec.gateways)) {
    if (typeof reference !== 'string') continue;
    const gateway = parseGatewayRef(reference, own);
    if (!gateway.mesh && gateway.namespace !== own) found.add(gateway.namespace);
  }
  for (const kind of ['http', 'tcp', 'tls']) {
    for (const route of array(spec[kind])) {
      const parts = record(route);
      for (const target of array(parts.route)) host(record(record(target).destination).host);
      host(record(parts.mirror).host);
      for (const mirror of array(parts.mirrors)) host(record(record(mirror).destination).host);
      const delegate = record(parts.delegate);
      if (typeof delegate.namespace === 'string' && delegate.namespace !== own) found.add(delegate.namespace);
    }
  }
  return [...found];
}

/**
 * The VirtualServices a root's routes delegate to, as object keys (`VirtualService/ns/name`):
 * a view holding the root holds them too, since what the root's routes do is theirs.
 */
export function delegatesReferenced(object: StoredObject): ObjectKey[] {
  if (object.kind !== 'VirtualService') return [];
  const own = object.metadata.namespace ?? '';
  const keys: ObjectKey[] = [];
  for (const route of array(record(object.spec).http)) {
    const delegate = record(record(route).delegate);
    if (typeof delegate.name !== 'string') continue;
    const namespace = typeof delegate.namespace === 'string' ? delegate.namespace : own;
    keys.push(`VirtualService/${namespace}/${delegate.name}`);
  }
  return keys;
}

function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
