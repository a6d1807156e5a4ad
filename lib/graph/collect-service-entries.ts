import { hostCovers, isWildcardHost, resolveHost, selectorText } from '../mesh/resolve';
import type { ServiceEntry } from '../mesh/types';
import { tlsToward } from './destination-tls';
import { plainEdgeId, serviceEntryId } from './ids';
import { type MeshIndex, namespaceOf } from './index-snapshot';
import { labels, list, num, record, strings, text } from './read';
import type { DestinationSite } from './resolve-destinations';
import type { GraphEdge, GraphNode, HopData } from './types';

/** A ServiceEntry on the graph: the hosts it declares, resolved in its namespace. */
export interface ServiceEntrySite {
  id: string;
  entry: ServiceEntry;
  namespace: string;
  hosts: string[];
  /** Its workloadSelector's labels, when it selects pods (empty otherwise). */
  selector: Record<string, string>;
  node: GraphNode;
}

/**
 * A node per ServiceEntry (hosts, ports and protocols, resolution, location, endpoints or
 * workload selector, exportTo), and an `entry` edge from every destination whose host it
 * declares: a route to an external host ends at the entry that lets it out. A host listed
 * exactly wins over a wildcard covering it, as Istio's service registry does; among
 * wildcards the most specific. The edge carries the port, its protocol and the TLS a
 * DestinationRule originates there.
 */
export function collectServiceEntries(
  index: MeshIndex,
  destinations: readonly DestinationSite[],
): { entries: ServiceEntrySite[]; edges: GraphEdge[] } {
  const entries = index.serviceEntries.map((entry) => entrySite(index, entry));
  const edges: GraphEdge[] = [];
  const exact = new Map<string, ServiceEntrySite[]>();
  const wildcards: ServiceEntrySite[] = [];
  for (const site of entries) {
    for (const host of site.hosts) {
      if (isWildcardHost(host)) {
        if (!wildcards.includes(site)) wildcards.push(site);
      } else exact.set(host, [...new Set([...(exact.get(host) ?? []), site])]);
    }
  }
  for (const destination of destinations) {
    for (const site of entriesFor(exact, wildcards, destination.fqdn)) {
      const ports = list(site.entry.spec.ports).map(record);
      const number = destination.port ?? (ports.length === 1 ? num(ports[0]?.number) : undefined);
      const at = ports.findIndex((entry) => num(entry.number) === number);
      const protocol = at >= 0 ? text(ports[at]?.protocol) : undefined;
      const tls = tlsToward(index, { fqdn: destination.fqdn, port: number, subset: destination.subset });
      const hop: HopData = {
        ...(number !== undefined && { port: number }),
        ...(protocol && { protocol }),
        ...(tls && { tls: tls.mode, tlsFrom: 'destinationRule' as const }),
        ...(tls?.credentialName && { credential: tls.credentialName }),
      };
      edges.push({
        id: plainEdgeId('entry', destination.id, site.id),
        source: destination.id,
        target: site.id,
        kind: 'entry',
        hop,
        ref: site.node.ref,
        path: at >= 0 ? `spec.ports[${at}]` : 'spec.hosts',
        problems: [],
      });
    }
  }
  return { entries, edges };
}

/** The entries declaring a host: those listing it exactly, else the most specific wildcard's. */
function entriesFor(
  exact: ReadonlyMap<string, ServiceEntrySite[]>,
  wildcards: readonly ServiceEntrySite[],
  fqdn: string,
): ServiceEntrySite[] {
  if (isWildcardHost(fqdn)) return [];
  const named = exact.get(fqdn);
  if (named) return named;
  let best = 0;
  let found: ServiceEntrySite[] = [];
  for (const site of wildcards) {
    for (const host of site.hosts) {
      if (!isWildcardHost(host) || !hostCovers(host, fqdn) || host.length < best) continue;
      if (host.length > best) found = [];
      best = host.length;
      if (!found.includes(site)) found.push(site);
    }
  }
  return found;
}

function entrySite(index: MeshIndex, entry: ServiceEntry): ServiceEntrySite {
  const namespace = namespaceOf(entry);
  const name = entry.metadata.name;
  const spec = record(entry.spec);
  const hosts = strings(spec.hosts).map((host) => resolveHost(host, namespace, index.namespaces));
  const selector = labels(record(spec.workloadSelector).labels);
  const id = serviceEntryId(namespace, name);
  return {
    id,
    entry,
    namespace,
    hosts,
    selector,
    node: {
      id,
      kind: 'serviceEntry',
      namespace,
      label: name,
      details: describeEntry(spec, selector),
      ref: { kind: 'ServiceEntry', namespace, name },
      problems: [],
    },
  };
}

/** The lines under a ServiceEntry's title. */
export function describeEntry(spec: Record<string, unknown>, selector: Record<string, string>): string[] {
  const hosts = strings(spec.hosts);
  const addresses = strings(spec.addresses);
  const ports = list(spec.ports)
    .map(record)
    .map((port) => `${num(port.number) ?? '?'}/${text(port.protocol) ?? '?'}`);
  const endpoints = list(spec.endpoints)
    .map(record)
    .map((endpoint) => text(endpoint.address))
    .filter((address): address is string => address !== undefined);
  const exportTo = strings(spec.exportTo);
  return [
    hosts.join(', ') || 'no hosts',
    ...(addresses.length > 0 ? [`addresses ${addresses.join(', ')}`] : []),
    ports.join(', ') || 'no ports',
    `${text(spec.location) ?? 'MESH_EXTERNAL'} · ${text(spec.resolution) ?? 'NONE'}`,
    ...(Object.keys(selector).length > 0
      ? [`workloads ${selectorText(selector)}`]
      : endpoints.length > 0
        ? [
            `endpoints ${endpoints.slice(0, 3).join(', ')}${endpoints.length > 3 ? ` +${endpoints.length - 3}` : ''}`,
          ]
        : []),
    ...(exportTo.length > 0 ? [`exportTo ${exportTo.join(', ')}`] : []),
  ];
}
