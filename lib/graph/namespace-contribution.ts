import type { NamespaceCounts } from '../api/overview';
import { storedKind } from '../mesh/object-key';
import { hostNamespace, parseGatewayRef, resolveHost } from '../mesh/resolve';
import type { StoredObject } from '../mesh/types';

/** A reference from one namespace into another (or the same: a VirtualService bound to its own Gateway). */
export interface LinkReference {
  source: string;
  target: string;
  kind: 'route' | 'gateway';
}

/**
 * What one object adds to the overview: to its namespace's counts, and the references its
 * routing makes between namespaces. The overview is the sum of these, so an event changes it
 * by taking the object's old contribution away and adding its new one.
 */
export interface Contribution {
  /** The namespace it is counted in (a Namespace object: the one it names). */
  namespace: string;
  counts: Partial<NamespaceCounts>;
  links: LinkReference[];
}

export const ZERO_COUNTS: Readonly<NamespaceCounts> = Object.freeze({
  virtualServices: 0,
  routes: 0,
  services: 0,
  serviceEntries: 0,
  destinationRules: 0,
  subsets: 0,
  gateways: 0,
  workloads: 0,
  invalid: 0,
});

const ROUTE_KINDS = ['http', 'tcp', 'tls'] as const;

/** One object's contribution (see Contribution). */
export function contributionOf(object: StoredObject): Contribution {
  const kind = storedKind(object);
  const namespace = kind === 'Namespace' ? object.metadata.name : (object.metadata.namespace ?? '');
  if (object.kind === 'Invalid') return { namespace, counts: { invalid: 1 }, links: [] };
  const spec = record(object.spec);
  switch (object.kind) {
    case 'VirtualService':
      return virtualServiceContribution(namespace, spec);
    case 'DestinationRule':
      return { namespace, counts: { destinationRules: 1, subsets: array(spec.subsets).length }, links: [] };
    case 'Service':
      return { namespace, counts: { services: 1 }, links: [] };
    case 'ServiceEntry':
      return { namespace, counts: { serviceEntries: 1 }, links: [] };
    case 'Gateway':
      return { namespace, counts: { gateways: 1 }, links: [] };
    case 'Pod':
      return { namespace, counts: { workloads: 1 }, links: [] };
    default:
      return { namespace, counts: {}, links: [] };
  }
}

function virtualServiceContribution(namespace: string, spec: Record<string, unknown>): Contribution {
  const links: LinkReference[] = [];
  let routes = 0;
  const routeTo = (host: unknown) => {
    if (typeof host !== 'string') return;
    const target = hostNamespace(resolveHost(host, namespace));
    if (target !== undefined && target !== namespace)
      links.push({ source: namespace, target, kind: 'route' });
  };
  for (const routeKind of ROUTE_KINDS) {
    for (const route of array(spec[routeKind])) {
      routes += 1;
      const parts = record(route);
      for (const target of array(parts.route)) routeTo(record(record(target).destination).host);
      routeTo(record(parts.mirror).host);
      for (const mirror of array(parts.mirrors)) routeTo(record(record(mirror).destination).host);
      const delegate = record(parts.delegate);
      if (typeof delegate.namespace === 'string' && delegate.namespace !== namespace)
        links.push({ source: namespace, target: delegate.namespace, kind: 'route' });
    }
  }
  for (const reference of array(spec.gateways)) {
    if (typeof reference !== 'string') continue;
    const gateway = parseGatewayRef(reference, namespace);
    if (!gateway.mesh) links.push({ source: gateway.namespace, target: namespace, kind: 'gateway' });
  }
  return { namespace, counts: { virtualServices: 1, routes }, links };
}

/**
 * About how many nodes a namespace's part of the graph draws: one per Gateway, VirtualService,
 * route, destination (a Service or ServiceEntry), subset, pod and unreadable object. Within a
 * few percent of buildGraph on meshes like the issue's, without building it.
 */
export function nodesOf(counts: NamespaceCounts): number {
  return (
    counts.gateways +
    counts.virtualServices +
    counts.routes +
    counts.services +
    counts.serviceEntries +
    counts.subsets +
    counts.workloads +
    counts.invalid
  );
}

function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
