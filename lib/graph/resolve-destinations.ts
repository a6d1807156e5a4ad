import { hostNamespace, resolveHost, shortHost } from '../mesh/resolve';
import type { ObjectRef } from '../mesh/types';
import { effectiveWeights } from '../mesh/weights';
import type { RouteSite } from './collect-routes';
import { mirrorPercentOf } from './describe-route';
import { destinationNodeId, mirrorEdgeId, weightEdgeId } from './ids';
import { type MeshIndex, namespaceOf } from './index-snapshot';
import { list, num, record, text } from './read';
import type { GraphEdge, GraphNode, WeightData } from './types';

/** A place traffic is sent to: a fully qualified host, optionally narrowed to a subset and a port. */
export interface DestinationSite {
  id: string;
  fqdn: string;
  subset?: string;
  port?: number;
  node: GraphNode;
}

/**
 * Weight edges from each route to its destinations (and mirror edges for mirrored traffic).
 * Destinations are shared by fully qualified host, subset and port, so routes of different
 * VirtualServices that send to the same place converge on one node.
 */
export function resolveDestinations(
  routes: readonly RouteSite[],
  index: MeshIndex,
): { destinations: DestinationSite[]; edges: GraphEdge[] } {
  const destinations = new Map<string, DestinationSite>();
  const edges: GraphEdge[] = [];
  const place = (value: unknown, namespace: string): DestinationSite | undefined => {
    const destination = record(value);
    const host = text(destination.host);
    if (!host) return undefined;
    const fqdn = resolveHost(host, namespace, index.namespaces);
    if (!fqdn) return undefined;
    const subset = text(destination.subset);
    const port = num(record(destination.port).number);
    const id = destinationNodeId({ host: fqdn, subset, port });
    let site = destinations.get(id);
    if (!site) {
      site = destinationSite(index, { fqdn, subset, port, namespace });
      destinations.set(id, site);
    }
    return site;
  };

  for (const route of routes) {
    const { site: vs } = route;
    const entries = list(route.route.route).map(record);
    const weights = effectiveWeights(entries.map((entry) => num(entry.weight)));
    entries.forEach((entry, destinationIndex) => {
      const target = place(entry.destination, vs.namespace);
      if (!target) return;
      const written = record(entry.destination);
      const weight = num(entry.weight);
      const subset = text(written.subset);
      const port = num(record(written.port).number);
      const data: WeightData = {
        ...route.address,
        destinationIndex,
        host: String(written.host),
        ...(subset !== undefined && { subset }),
        ...(port !== undefined && { port }),
        weight: weights[destinationIndex] ?? 0,
        explicit: weight !== undefined,
      };
      edges.push({
        id: weightEdgeId(data),
        source: route.id,
        target: target.id,
        kind: 'weight',
        weight: data,
        ref: vs.ref,
        path: `${route.path}.route[${destinationIndex}]`,
        problems: [],
      });
    });
    if (route.kind !== 'http') continue;
    const mirror = (value: unknown, which: string, path: string, percent: number) => {
      const target = place(value, vs.namespace);
      if (!target) return;
      edges.push({
        id: mirrorEdgeId(vs.namespace, vs.name, route.index, which),
        source: route.id,
        target: target.id,
        kind: 'mirror',
        mirrorPercent: percent,
        ref: vs.ref,
        path,
        problems: [],
      });
    };
    if (route.route.mirror !== undefined) {
      mirror(route.route.mirror, 'mirror', `${route.path}.mirror`, mirrorPercentOf(route.route));
    }
    list(route.route.mirrors).forEach((policy, mirrorIndex) => {
      const entry = record(policy);
      mirror(
        entry.destination,
        `mirrors/${mirrorIndex}`,
        `${route.path}.mirrors[${mirrorIndex}]`,
        num(record(entry.percentage).value) ?? 100,
      );
    });
  }
  return { destinations: [...destinations.values()], edges };
}

/** A destination node: `reviews · v2` with its full host (and port) and subset. */
export function destinationSite(
  index: MeshIndex,
  place: { fqdn: string; subset?: string; port?: number; namespace: string },
  extra: { details?: string[]; ref?: ObjectRef } = {},
): DestinationSite {
  const { fqdn, subset, port } = place;
  const id = destinationNodeId({ host: fqdn, subset, port });
  const owner = ownerOf(index, fqdn);
  const namespace = hostNamespace(fqdn) ?? (owner ? owner.namespace : place.namespace);
  const ref = extra.ref ?? owner;
  const host = port !== undefined ? `${fqdn}:${port}` : fqdn;
  const label = [`${shortHost(fqdn)}${port !== undefined ? `:${port}` : ''}`, subset]
    .filter(Boolean)
    .join(' · ');
  const details = [host, ...(subset !== undefined ? [`subset ${subset}`] : []), ...(extra.details ?? [])];
  return {
    id,
    fqdn,
    ...(subset !== undefined && { subset }),
    ...(port !== undefined && { port }),
    node: { id, kind: 'destination', namespace, label, details, ...(ref && { ref }), problems: [] },
  };
}

// The object that declares a host: its Service, else a ServiceEntry listing it.
function ownerOf(index: MeshIndex, fqdn: string): ObjectRef | undefined {
  const service = index.serviceByFqdn.get(fqdn);
  if (service) return { kind: 'Service', namespace: namespaceOf(service), name: service.metadata.name };
  const entry = index.serviceEntryByHost.get(fqdn);
  return entry
    ? { kind: 'ServiceEntry', namespace: namespaceOf(entry), name: entry.metadata.name }
    : undefined;
}
