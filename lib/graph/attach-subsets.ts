import { hostCovers, resolveHost, selectorText } from '../mesh/resolve';
import type { DestinationRule } from '../mesh/types';
import { plainEdgeId, subsetId } from './ids';
import { type MeshIndex, namespaceOf } from './index-snapshot';
import { labels, list, record, text } from './read';
import { type DestinationSite, destinationSite } from './resolve-destinations';
import type { GraphEdge, GraphNode } from './types';

/** A DestinationRule subset on the graph. */
export interface SubsetSite {
  id: string;
  name: string;
  rule: DestinationRule;
  labels: Record<string, string>;
  /** Fully qualified hosts whose pods the subset picks from: the rule's host and every destination linked to it. */
  hosts: string[];
  node: GraphNode;
}

/**
 * A node per DestinationRule subset (from any namespace), linked from every destination that
 * names it. A subset no destination names is linked from its host's subset-less destination
 * when there is one, else drawn alone (no traffic reaches it). A rule whose host no
 * destination names gets a destination node of its own, so its subsets and problems show.
 */
export function attachSubsets(
  index: MeshIndex,
  known: readonly DestinationSite[],
): { subsets: SubsetSite[]; destinations: DestinationSite[]; edges: GraphEdge[] } {
  const byHost = new Map<string, DestinationSite[]>();
  const add = (site: DestinationSite) => byHost.set(site.fqdn, [...(byHost.get(site.fqdn) ?? []), site]);
  known.forEach(add);
  const subsets: SubsetSite[] = [];
  const destinations: DestinationSite[] = [];
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();

  // Istio applies the rule with the most specific host: a wildcard rule does not reach hosts
  // that have a rule of their own.
  const exact = new Set(
    index.destinationRules
      .map((rule) => resolveHost(text(rule.spec.host) ?? '', namespaceOf(rule), index.namespaces))
      .filter((host) => host && !host.startsWith('*')),
  );
  for (const rule of index.destinationRules) {
    const namespace = namespaceOf(rule);
    const fqdn = resolveHost(text(rule.spec.host) ?? '', namespace, index.namespaces);
    if (!fqdn) continue;
    let covered = destinationsFor(byHost, fqdn, exact);
    if (covered.length === 0) {
      const own = destinationSite(
        index,
        { fqdn, namespace },
        { details: [`DestinationRule ${namespace}/${rule.metadata.name}`], ref: refOf(rule) },
      );
      destinations.push(own);
      add(own);
      covered = [own];
    }
    list(rule.spec.subsets).forEach((value, position) => {
      const subset = record(value);
      const name = text(subset.name);
      if (!name) return;
      const id = subsetId(namespace, rule.metadata.name, name);
      // A name defined twice in one rule: the first wins, as validate reports the second.
      if (seen.has(id)) return;
      seen.add(id);
      const selector = labels(subset.labels);
      let from = covered.filter((site) => site.subset === name);
      if (from.length === 0) from = covered.filter((site) => site.subset === undefined);
      for (const site of from)
        edges.push({
          id: plainEdgeId('subset', site.id, id),
          source: site.id,
          target: id,
          kind: 'subset',
          problems: [],
        });
      const hosts = new Set(from.map((site) => site.fqdn));
      if (!fqdn.startsWith('*')) hosts.add(fqdn);
      subsets.push({
        id,
        name,
        rule,
        labels: selector,
        hosts: [...hosts],
        node: {
          id,
          kind: 'subset',
          namespace,
          label: name,
          details: [selectorText(selector) || 'no labels'],
          ref: refOf(rule),
          path: `spec.subsets[${position}]`,
          problems: [],
        },
      });
    });
  }
  return { subsets, destinations, edges };
}

function destinationsFor(
  byHost: ReadonlyMap<string, DestinationSite[]>,
  host: string,
  exact: ReadonlySet<string>,
): DestinationSite[] {
  if (!host.startsWith('*')) return byHost.get(host) ?? [];
  return [...byHost.entries()]
    .filter(([fqdn]) => !exact.has(fqdn) && hostCovers(host, fqdn))
    .flatMap(([, sites]) => sites);
}

function refOf(rule: DestinationRule) {
  return { kind: 'DestinationRule' as const, namespace: namespaceOf(rule), name: rule.metadata.name };
}
