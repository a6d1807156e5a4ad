import {
  boundGateways,
  gatewayKey,
  MESH_GATEWAY,
  routeGateways,
  selects,
  serviceFqdn,
} from '../mesh/resolve';
import type { Gateway, Pod, Service } from '../mesh/types';
import type { RouteSite } from './collect-routes';
import { gatewayId, plainEdgeId } from './ids';
import { type MeshIndex, namespaceOf } from './index-snapshot';
import { labels, list, num, record, strings, text } from './read';
import type { DestinationSite } from './resolve-destinations';
import type { GraphEdge, HopData } from './types';

/** A destination that is a Gateway's own Service, on to that Gateway. */
interface Hop {
  destination: DestinationSite;
  gateway: Gateway;
  key: string;
  inferred: boolean;
}

/**
 * A gateway is a hop. A destination whose host is a Gateway's own Service (the Service whose
 * pods the Gateway's selector picks: the egress gateway a sidecar sends to) continues into
 * that Gateway with an `egress` edge, carrying the server that takes it (port, protocol, SNI
 * hosts, TLS mode, the credential's name); the Gateway then binds the routes that apply at it,
 * so sidecar → egress gateway → external host is one path. Each node past a gateway gets a
 * `hop` one higher than the node before it, so the layout draws the chain left to right.
 *
 * When the snapshot has no Service for the host (a folder holding only the routing), the hop
 * is inferred from the VirtualService: a route that applies at the sidecars only sends to the
 * host, the same VirtualService is bound to the Gateway, and the host is named for it (see
 * findHops). Such an edge says `inferred` and is dashed.
 */
export function attachEgress(
  index: MeshIndex,
  routes: readonly RouteSite[],
  destinations: readonly DestinationSite[],
  edges: readonly GraphEdge[],
): { edges: GraphEdge[]; dropped: ReadonlySet<string>; hops: ReadonlyMap<string, number> } {
  const hops = findHops(index, routes, destinations, edges);
  if (hops.length === 0) return { edges: [], dropped: new Set(), hops: new Map() };
  const egress = hops.map(egressEdge);

  // Hop numbers: a gateway is one past the destination reaching it; a route that applies only
  // at gateways is at the lowest of their hops; a destination at the lowest hop of the routes
  // sending to it; subsets and entries one step after their destinations, at the highest.
  const gatewayHop = new Map<string, number>();
  const routeHop = new Map<string, number>();
  const nodeHop = new Map<string, number>();
  const routesTo = new Map<string, string[]>();
  for (const edge of edges) {
    if (edge.kind !== 'weight' && edge.kind !== 'mirror') continue;
    routesTo.set(edge.target, [...(routesTo.get(edge.target) ?? []), edge.source]);
  }
  const bound = new Map(routes.map((route) => [route.id, placesOf(route)]));
  const hopOfDestination = (id: string) => {
    const sources = routesTo.get(id) ?? [];
    return sources.length === 0 ? 0 : Math.min(...sources.map((source) => routeHop.get(source) ?? 0));
  };
  // A chain through several gateways converges in as many rounds; eight is more than any mesh has.
  for (let round = 0; round < 8; round++) {
    let changed = false;
    for (const hop of hops) {
      const next = Math.min(hopOfDestination(hop.destination.id) + 1, 8);
      if ((gatewayHop.get(hop.key) ?? 0) < next) {
        gatewayHop.set(hop.key, next);
        changed = true;
      }
    }
    for (const route of routes) {
      const places = bound.get(route.id) ?? new Set<string>();
      const at = [...places].map((key) => gatewayHop.get(key));
      const next = at.length > 0 && at.every((n) => n !== undefined) ? Math.min(...(at as number[])) : 0;
      if ((routeHop.get(route.id) ?? 0) !== next) {
        routeHop.set(route.id, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  for (const [key, hop] of gatewayHop) {
    const [namespace = '', name = ''] = key.split('/');
    nodeHop.set(gatewayId(namespace, name), hop);
  }
  for (const [id, hop] of routeHop) if (hop > 0) nodeHop.set(id, hop);
  for (const site of destinations) {
    const hop = hopOfDestination(site.id);
    if (hop > 0) nodeHop.set(site.id, hop);
  }
  for (const edge of edges) {
    if (edge.kind !== 'subset' && edge.kind !== 'entry') continue;
    const hop = nodeHop.get(edge.source) ?? 0;
    if (hop > (nodeHop.get(edge.target) ?? 0)) nodeHop.set(edge.target, hop);
  }

  // A gateway past a hop binds the routes that apply at it rather than their VirtualService,
  // which stands at the start of the chain: the edge would run backwards.
  const dropped = new Set<string>();
  const binds: GraphEdge[] = [];
  const routesOfSite = groupBy(routes, (route) => route.site.id);
  for (const edge of edges) {
    if (edge.kind !== 'binds' || !nodeHop.has(edge.source)) continue;
    const key = edge.source.slice('gw:'.length);
    const bindsRoutes = (routesOfSite.get(edge.target) ?? []).filter((route) =>
      bound.get(route.id)?.has(key),
    );
    if (bindsRoutes.length === 0) continue;
    dropped.add(edge.id);
    for (const route of bindsRoutes)
      binds.push({ ...edge, id: plainEdgeId('binds', edge.source, route.id), target: route.id });
  }
  return { edges: [...egress, ...binds], dropped, hops: nodeHop };
}

/** Where a route applies: sidecars (`mesh`) and Gateways, as `namespace/name` keys. */
function placesOf(route: RouteSite): Set<string> {
  return routeGateways(route.route, boundGateways(route.site.vs), route.site.namespace);
}

function findHops(
  index: MeshIndex,
  routes: readonly RouteSite[],
  destinations: readonly DestinationSite[],
  edges: readonly GraphEdge[],
): Hop[] {
  const gateways = index.gateways.filter((gateway) => Object.keys(labels(gateway.spec.selector)).length > 0);
  if (gateways.length === 0) return [];
  const hops: Hop[] = [];
  const routeById = new Map(routes.map((route) => [route.id, route]));
  const routesOfSite = groupBy(routes, (route) => route.site.id);
  const sendersTo = groupBy(
    edges.filter((edge) => edge.kind === 'weight'),
    (edge) => edge.target,
  );
  let fronted: { gateway: Gateway; services: ReadonlySet<string> }[] | undefined;
  // Only traffic a route sends makes a gateway a hop: an unrouted gateway Service is where
  // ingress traffic arrives, not a step on anyone's path.
  for (const destination of destinations) {
    if (!sendersTo.has(destination.id)) continue;
    if (index.serviceByFqdn.has(destination.fqdn)) {
      fronted ??= gateways.map((gateway) => ({ gateway, services: servicesFronted(index, gateway) }));
      for (const { gateway, services } of fronted) {
        if (services.has(destination.fqdn)) hops.push(hop(destination, gateway, false));
      }
      continue;
    }
    if (!destination.fqdn.endsWith('.svc.cluster.local')) continue;
    // No Service in view: the VirtualService sending here from the sidecars (only) is bound to
    // a Gateway that some other route of it applies at, and the host is that Gateway's
    // Service by name: the Gateway's own name or, for Istio's installs, `istio-<istio label>`
    // (Service istio-egressgateway for `istio: egressgateway`).
    const name = destination.fqdn.slice(0, destination.fqdn.indexOf('.'));
    const found = new Set<Gateway>();
    for (const edge of sendersTo.get(destination.id) ?? []) {
      const route = routeById.get(edge.source);
      const places = route && placesOf(route);
      if (!route || !places || places.size !== 1 || !places.has(MESH_GATEWAY)) continue;
      for (const key of boundGateways(route.site.vs)) {
        const gateway = index.gatewayByName.get(key);
        if (!gateway || !gateways.includes(gateway) || !namedFor(gateway, name)) continue;
        const appliesThere = (routesOfSite.get(route.site.id) ?? []).some((other) =>
          placesOf(other).has(key),
        );
        if (appliesThere) found.add(gateway);
      }
    }
    for (const gateway of found) hops.push(hop(destination, gateway, true));
  }
  return hops;
}

const frontedBy = new WeakMap<MeshIndex, Map<string, Gateway[]>>();

/**
 * The Gateways whose pods a Service (by fully qualified name) fronts: where a request a route
 * sends to that Service is handled next (the egress gateway). Built once per index.
 */
export function gatewaysBehind(index: MeshIndex, fqdn: string): Gateway[] {
  let behind = frontedBy.get(index);
  if (!behind) {
    behind = new Map();
    for (const gateway of index.gateways) {
      if (Object.keys(labels(gateway.spec.selector)).length === 0) continue;
      for (const service of servicesFronted(index, gateway)) {
        const list = behind.get(service);
        if (list) list.push(gateway);
        else behind.set(service, [gateway]);
      }
    }
    frontedBy.set(index, behind);
  }
  return behind.get(fqdn.toLowerCase()) ?? [];
}

const podsByLabel = new WeakMap<MeshIndex, Map<string, Pod[]>>();
const servicesIn = new WeakMap<MeshIndex, Map<string, Service[]>>();

function servicesByNamespace(index: MeshIndex): Map<string, Service[]> {
  let grouped = servicesIn.get(index);
  if (!grouped) {
    grouped = groupBy(index.services, (service) => namespaceOf(service));
    servicesIn.set(index, grouped);
  }
  return grouped;
}

// The pods a selector picks, from the bucket of its first label (built once per graph): a
// scan of every pod per Gateway cost seconds on a 10,000-service mesh.
function gatewayPods(index: MeshIndex, selector: Record<string, string>): Pod[] {
  let buckets = podsByLabel.get(index);
  if (!buckets) {
    buckets = new Map();
    for (const pod of index.pods) {
      for (const [key, value] of Object.entries(pod.metadata.labels ?? {})) {
        const bucket = buckets.get(`${key}=${value}`);
        if (bucket) bucket.push(pod);
        else buckets.set(`${key}=${value}`, [pod]);
      }
    }
    podsByLabel.set(index, buckets);
  }
  const [first] = Object.entries(selector);
  if (!first) return [];
  return (buckets.get(`${first[0]}=${first[1]}`) ?? []).filter((pod) =>
    selects(selector, pod.metadata.labels),
  );
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function namedFor(gateway: Gateway, serviceName: string): boolean {
  const istio = labels(gateway.spec.selector).istio;
  return serviceName === gateway.metadata.name || (istio !== undefined && serviceName === `istio-${istio}`);
}

function hop(destination: DestinationSite, gateway: Gateway, inferred: boolean): Hop {
  return {
    destination,
    gateway,
    key: gatewayKey(`${namespaceOf(gateway)}/${gateway.metadata.name}`, ''),
    inferred,
  };
}

/**
 * The Services (by fully qualified name) in front of a Gateway's pods: those selecting a pod the
 * Gateway's selector picks, or with no pod known, those whose selector carries every label of
 * the Gateway's (Istio matches the selector against gateway pods in every namespace).
 */
function servicesFronted(index: MeshIndex, gateway: Gateway): Set<string> {
  const gatewaySelector = labels(gateway.spec.selector);
  const fronted = new Set<string>();
  const fqdn = (service: Service) => serviceFqdn(service.metadata.name, namespaceOf(service)).toLowerCase();
  if (index.pods.length === 0) {
    for (const service of index.services) {
      const selector = labels(service.spec.selector);
      if (Object.keys(selector).length > 0 && selects(gatewaySelector, selector)) fronted.add(fqdn(service));
    }
    return fronted;
  }
  const byNamespace = servicesByNamespace(index);
  for (const pod of gatewayPods(index, gatewaySelector)) {
    for (const service of byNamespace.get(namespaceOf(pod)) ?? []) {
      const selector = labels(service.spec.selector);
      if (Object.keys(selector).length > 0 && selects(selector, pod.metadata.labels))
        fronted.add(fqdn(service));
    }
  }
  return fronted;
}

function egressEdge({ destination, gateway, key, inferred }: Hop): GraphEdge {
  const servers = list(gateway.spec.servers).map(record);
  const port = destination.port;
  const at = servers.findIndex((server) => port === undefined || num(record(server.port).number) === port);
  const server = at >= 0 ? servers[at] : undefined;
  const listener = record(server?.port);
  const tls = record(server?.tls);
  const protocol = text(listener.protocol);
  const mode = text(tls.mode);
  const credential = text(tls.credentialName);
  const isTls = protocol === 'TLS' || protocol === 'HTTPS';
  const hop: HopData = {
    ...(num(listener.number) !== undefined ? { port: num(listener.number) } : port !== undefined && { port }),
    ...(protocol && { protocol }),
    ...(isTls && server && { sni: strings(server.hosts) }),
    ...(mode && { tls: mode, tlsFrom: 'gateway' as const }),
    ...(credential && { credential }),
    ...(inferred && { inferred }),
  };
  const [namespace = '', name = ''] = key.split('/');
  return {
    id: plainEdgeId('egress', destination.id, gatewayId(namespace, name)),
    source: destination.id,
    target: gatewayId(namespace, name),
    kind: 'egress',
    hop,
    ref: { kind: 'Gateway', namespace, name },
    path: at >= 0 ? `spec.servers[${at}]` : 'spec.servers',
    problems: [],
  };
}
