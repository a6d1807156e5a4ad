import { mirrorPercent } from '../../mesh/gateway-api-words';
import {
  type BackendTarget,
  backendShares,
  backendTarget,
  isServiceKey,
  isServiceRef,
  serviceFqdn,
} from '../../mesh/resolve';
import { weightEdgeId } from '../ids';
import type { MeshIndex } from '../index-snapshot';
import { list, num, record } from '../read';
import { type DestinationSite, destinationSite } from '../resolve-destinations';
import type { GraphEdge, WeightData } from '../types';
import type { RuleSite } from './collect-gateway-routes';
import { mirrorFilterEdgeId, otherBackendId } from './ids';

const ISTIO_GROUP = 'networking.istio.io';
const MCS_GROUP = 'multicluster.x-k8s.io';

/**
 * A `weight` edge from each rule to each of its backendRefs, carrying the backend's share of
 * the rule (weights are relative: 90/10 is 90% and 10%, 1/1/2 is 25/25/50, a missing weight
 * is 1), and a `mirror` edge per RequestMirror filter. A Service backend is the destination
 * node `host:port` that VirtualServices sending there share, so its workloads hang from it as
 * for Istio routes; an Istio `Hostname` backend is the host it names; a ServiceImport its
 * clusterset name; any other kind a node of its own.
 */
export function resolveBackends(
  rules: readonly RuleSite[],
  index: MeshIndex,
  known: ReadonlyMap<string, DestinationSite>,
): { destinations: DestinationSite[]; edges: GraphEdge[] } {
  const added = new Map<string, DestinationSite>();
  const edges: GraphEdge[] = [];
  const place = (target: BackendTarget): DestinationSite | undefined => {
    if (!target.name) return undefined;
    const site = siteFor(index, target);
    const existing = known.get(site.id) ?? added.get(site.id);
    if (existing) return existing;
    added.set(site.id, site);
    return site;
  };

  for (const rule of rules) {
    const { route, namespace } = rule;
    const name = route.metadata.name;
    const backends = list(rule.rule.backendRefs).map(record);
    const shares = backendShares(backends.map((backend) => num(backend.weight)));
    backends.forEach((backend, destinationIndex) => {
      const target = backendTarget(backend, namespace);
      const site = place(target);
      if (!site) return;
      const weight = num(backend.weight);
      const data: WeightData = {
        ...rule.address,
        destinationIndex,
        host: target.name,
        ...(target.port !== undefined && { port: target.port }),
        weight: shares[destinationIndex] ?? 0,
        explicit: weight !== undefined,
        ...(weight !== undefined && { relative: weight }),
      };
      edges.push({
        id: weightEdgeId(data),
        source: rule.id,
        target: site.id,
        kind: 'weight',
        weight: data,
        ref: rule.ref,
        path: `${rule.path}.backendRefs[${destinationIndex}]`,
        problems: [],
      });
    });
    list(rule.rule.filters).forEach((value, filterIndex) => {
      const filter = record(value);
      if (filter.type !== 'RequestMirror') return;
      const mirror = record(filter.requestMirror);
      const site = place(backendTarget(record(mirror.backendRef), namespace));
      if (!site) return;
      edges.push({
        id: mirrorFilterEdgeId(route.kind, namespace, name, rule.index, filterIndex),
        source: rule.id,
        target: site.id,
        kind: 'mirror',
        mirrorPercent: mirrorPercent(mirror),
        ref: rule.ref,
        path: `${rule.path}.filters[${filterIndex}]`,
        problems: [],
      });
    });
  }
  return { destinations: [...added.values()], edges };
}

function siteFor(index: MeshIndex, target: BackendTarget): DestinationSite {
  const { group, kind, namespace, name, port } = target;
  // A Service ref spelt otherwise than any Service can be named (CART, cart.shop) reaches no
  // Service for Istio, which looks it up exactly: it gets a node of its own, not the Service's.
  if (isServiceRef(target) && (!namespace || isServiceKey(name, namespace))) {
    const fqdn = namespace ? serviceFqdn(name, namespace) : name.toLowerCase();
    return destinationSite(index, { fqdn: fqdn.toLowerCase(), port, namespace });
  }
  if (group === ISTIO_GROUP && kind === 'Hostname') {
    return destinationSite(index, { fqdn: name.toLowerCase(), port, namespace });
  }
  if (group === MCS_GROUP && kind === 'ServiceImport') {
    return destinationSite(
      index,
      {
        fqdn: `${namespace ? `${name}.${namespace}` : name}.svc.clusterset.local`.toLowerCase(),
        port,
        namespace,
      },
      { details: [`ServiceImport ${namespace}/${name}`] },
    );
  }
  const id = otherBackendId(group, kind, namespace, name, port);
  return {
    id,
    fqdn: name,
    ...(port !== undefined && { port }),
    node: {
      id,
      kind: 'destination',
      namespace,
      label: port !== undefined ? `${name}:${port}` : name,
      details: [`${kind} ${namespace}/${name}${group ? ` (${group})` : ''}`],
      problems: [],
    },
  };
}
