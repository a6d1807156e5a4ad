import { placeOfDestinationNode } from '@/lib/graph/ids';
import type { GraphNode } from '@/lib/graph/types';
import type { BackendRef } from '@/lib/mesh/gateway-api-types';
import { objectKey } from '@/lib/mesh/object-key';
import { CLUSTER_SUFFIX, isClusterHost, resolveHost } from '@/lib/mesh/resolve';
import { isIstioRoute, type RouteAddress } from '@/lib/mesh/route-address';
import { routeAt } from '@/lib/mesh/routes';
import type { Destination, MeshSnapshot, RouteDestination } from '@/lib/mesh/types';
import { backendChoices, backendOfNode, ruleHasBackend } from './backend-choices';
import { destinationName } from './labels';

/**
 * What a gesture adds to a route: a destination; for a Gateway API rule, the backendRef to
 * write too (the destination is then how the sliders name it).
 */
export interface Addition {
  destination: Destination;
  backendRef?: Omit<BackendRef, 'weight'>;
}

/** A destination a route could add, as the add control lists it. */
export interface DestinationChoice extends Addition {
  label: string;
}

interface Context {
  namespace: string;
  namespaces: ReadonlySet<string>;
  existing: readonly RouteDestination[];
}

function contextOf(snapshot: MeshSnapshot, target: RouteAddress): Context | undefined {
  const object = snapshot.objects[objectKey(target.ref)];
  if (object?.kind !== 'VirtualService' || !isIstioRoute(target)) return undefined;
  const namespaces = new Set(
    Object.values(snapshot.objects).map((o) => ('metadata' in o ? (o.metadata.namespace ?? '') : '')),
  );
  return {
    namespace: object.metadata.namespace ?? target.ref.namespace,
    namespaces,
    existing: routeAt(object, target.routeKind, target.routeIndex)?.route ?? [],
  };
}

const fqdnOf = (host: string, context: Context) => resolveHost(host, context.namespace, context.namespaces);

/**
 * How to write a host in this route: as the route already writes it when it names it, else
 * the short name for a Service in the VirtualService's own namespace, else in full — so a
 * duplicate is seen as one and Istio reads the host the same way.
 */
function writtenHost(fqdn: string, context: Context): string {
  const same = context.existing.find((d) => fqdnOf(d.destination.host, context) === fqdn);
  if (same) return same.destination.host;
  if (isClusterHost(fqdn) && fqdn.endsWith(`.${context.namespace}${CLUSTER_SUFFIX}`))
    return fqdn.split('.')[0] ?? fqdn;
  return fqdn;
}

/** The port the route already uses for this host, when all its destinations of that host agree. */
function portFor(fqdn: string, context: Context): Destination['port'] {
  const ports = new Set(
    context.existing
      .filter((d) => fqdnOf(d.destination.host, context) === fqdn)
      .map((d) => d.destination.port?.number),
  );
  const [port] = [...ports];
  return ports.size === 1 && port !== undefined ? { number: port } : undefined;
}

function choice(fqdn: string, subset: string | undefined, context: Context): Destination {
  const port = portFor(fqdn, context);
  return { host: writtenHost(fqdn, context), ...(subset && { subset }), ...(port && { port }) };
}

function present(destination: Destination, context: Context): boolean {
  const fqdn = fqdnOf(destination.host, context);
  return context.existing.some(
    (d) =>
      fqdnOf(d.destination.host, context) === fqdn &&
      d.destination.subset === destination.subset &&
      d.destination.port?.number === destination.port?.number,
  );
}

/**
 * What a route could send to next: the DestinationRule subsets of the hosts it already uses,
 * then the other Services Weir sees (its own namespace first). Destinations it has are left out.
 */
export function destinationChoices(
  snapshot: MeshSnapshot,
  target: RouteAddress,
): { subsets: DestinationChoice[]; services: DestinationChoice[] } {
  // A Gateway API rule: Services and ServiceEntry hosts as backendRefs (it has no subsets).
  if (!isIstioRoute(target)) return { subsets: [], services: backendChoices(snapshot, target) };
  const context = contextOf(snapshot, target);
  if (!context) return { subsets: [], services: [] };
  const hosts = new Set(context.existing.map((d) => fqdnOf(d.destination.host, context)));
  const subsets: DestinationChoice[] = [];
  const services: DestinationChoice[] = [];
  for (const object of Object.values(snapshot.objects)) {
    if (object.kind === 'DestinationRule') {
      const fqdn = resolveHost(object.spec.host ?? '', object.metadata.namespace ?? '', context.namespaces);
      if (!hosts.has(fqdn)) continue;
      for (const subset of object.spec.subsets ?? []) {
        if (!subset.name) continue;
        const destination = choice(fqdn, subset.name, context);
        if (!present(destination, context)) subsets.push({ label: label(destination), destination });
      }
    } else if (object.kind === 'Service') {
      const fqdn = `${object.metadata.name}.${object.metadata.namespace ?? ''}${CLUSTER_SUFFIX}`;
      if (hosts.has(fqdn)) continue;
      const destination = choice(fqdn, undefined, context);
      services.push({ label: label(destination), destination });
    }
  }
  const own = (d: DestinationChoice) => (d.destination.host.includes('.') ? 1 : 0);
  services.sort((a, b) => own(a) - own(b) || a.label.localeCompare(b.label));
  subsets.sort((a, b) => a.label.localeCompare(b.label));
  return { subsets, services };
}

/**
 * The destination a graph node stands for, written for this route: a destination node
 * (`dest:<fqdn>|<subset>|<port>`) or a DestinationRule subset node. Undefined for anything else.
 */
export function destinationOfNode(
  snapshot: MeshSnapshot,
  target: RouteAddress,
  node: Pick<GraphNode, 'id' | 'kind' | 'ref' | 'path'>,
): Destination | undefined {
  const context = contextOf(snapshot, target);
  if (!context) return undefined;
  const place = node.kind === 'destination' ? placeOfDestinationNode(node.id) : undefined;
  if (place) {
    const { host: fqdn, subset, port } = place;
    if (!fqdn || fqdn.startsWith('*')) return undefined;
    const written = choice(fqdn, subset, context);
    return port !== undefined ? { ...written, port: { number: port } } : written;
  }
  if (node.kind === 'subset' && node.ref?.kind === 'DestinationRule') {
    const rule = snapshot.objects[`DestinationRule/${node.ref.namespace}/${node.ref.name}`];
    const index = /^spec\.subsets\[(\d+)\]$/.exec(node.path ?? '')?.[1];
    if (rule?.kind !== 'DestinationRule' || index === undefined) return undefined;
    const subset = rule.spec.subsets?.[Number(index)]?.name;
    const fqdn = resolveHost(rule.spec.host ?? '', rule.metadata.namespace ?? '', context.namespaces);
    if (!subset || !fqdn || fqdn.startsWith('*')) return undefined;
    return choice(fqdn, subset, context);
  }
  return undefined;
}

/** Whether the route already sends to this destination (however its host is written). */
export function routeHasDestination(
  snapshot: MeshSnapshot,
  target: RouteAddress,
  destination: Destination,
): boolean {
  const context = contextOf(snapshot, target);
  return context ? present(destination, context) : false;
}

/**
 * What dropping a graph node onto a route adds: a destination (a VirtualService's route), or a
 * backendRef (a Gateway API rule). Undefined when the node is nothing the route can send to.
 */
export function additionOfNode(
  snapshot: MeshSnapshot,
  target: RouteAddress,
  node: Pick<GraphNode, 'id' | 'kind' | 'ref' | 'path'>,
): Addition | undefined {
  if (!isIstioRoute(target)) return backendOfNode(snapshot, target, node);
  const destination = destinationOfNode(snapshot, target, node);
  return destination && { destination };
}

/** Whether the route already has what the addition would add. */
export function routeHasAddition(snapshot: MeshSnapshot, target: RouteAddress, addition: Addition): boolean {
  if (!isIstioRoute(target))
    return addition.backendRef ? ruleHasBackend(snapshot, target, addition.backendRef) : false;
  return routeHasDestination(snapshot, target, addition.destination);
}

function label(destination: Destination): string {
  return destinationName({
    host: destination.host,
    subset: destination.subset,
    port: destination.port?.number,
  });
}
