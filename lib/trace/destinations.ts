import { type MeshIndex, namespaceOf } from '../graph/index-snapshot';
import { labels, list, num, record, strings, text } from '../graph/read';
import {
  hostCandidates,
  hostCovers,
  isWildcardHost,
  resolveHost,
  selects,
  selectsSome,
} from '../mesh/resolve';
import type { DestinationRule, ObjectRef, Pod, Service, ServiceEntry } from '../mesh/types';
import { memo } from './index-memo';
import type { TracedDestination } from './types';

/** A route's destination as written. */
export interface WrittenDestination {
  host: string;
  subset?: string;
  port?: number;
  weight?: number;
}

/** Reads a route's `route:` list loosely. */
export function writtenDestinations(route: unknown): WrittenDestination[] {
  return list(route).flatMap((value) => {
    const entry = record(value);
    const destination = record(entry.destination);
    const host = text(destination.host);
    if (!host) return [];
    const subset = text(destination.subset);
    const port = num(record(destination.port).number);
    const weight = num(entry.weight);
    return [
      {
        host,
        ...(subset && { subset }),
        ...(port !== undefined && { port }),
        ...(weight !== undefined && { weight }),
      },
    ];
  });
}

/**
 * Where the matched route sends requests, with each destination's share: Istio sends all to a
 * lone destination whatever its weight, and otherwise drops 0-weighted ones and reads the
 * rest as relative weights. The cluster is Istio's: the host as Istio reads it
 * (ResolveShortnameToFQDN), the port written, else the Service's only port, else the
 * listener's (GetDestinationCluster).
 */
export function traceDestinations(
  index: MeshIndex,
  written: readonly WrittenDestination[],
  namespace: string,
  listenerPort: number,
): TracedDestination[] {
  const kept = written.length === 1 ? written : written.filter((d) => (d.weight ?? 0) > 0);
  const total = kept.length === 1 ? 1 : kept.reduce((sum, d) => sum + (d.weight ?? 0), 0);
  return kept.map((d) => {
    const fqdn = hostCandidates(d.host, namespace)[0] ?? d.host.toLowerCase();
    const lookup = resolveHost(d.host, namespace, index.namespaces);
    const owner = ownerOf(index, lookup);
    const port = d.port ?? onlyPort(owner) ?? listenerPort;
    const share = kept.length === 1 ? 1 : total > 0 ? (d.weight ?? 0) / total : 0;
    const warnings: string[] = [];
    if (!owner)
      warnings.push(`no Service or ServiceEntry is named ${fqdn}: Envoy has no endpoints for it (503)`);
    else if (fqdn !== lookup && owner)
      warnings.push(
        `Istio reads ${d.host} as written (${fqdn}), not as ${lookup}: its cluster has no endpoints (503)`,
      );
    const subsetLabels = d.subset ? subsetOf(index, lookup, d.subset, namespace) : {};
    if (d.subset && subsetLabels === undefined)
      warnings.push(`no DestinationRule for ${lookup} defines subset ${d.subset}: Envoy answers 503`);
    const pods = owner ? podsOf(index, owner, subsetLabels ?? {}) : undefined;
    if (pods && pods.total > 0 && pods.ready === 0)
      warnings.push('no pod behind it is ready: Envoy answers 503');
    return {
      host: d.host,
      fqdn,
      ...(d.subset && { subset: d.subset }),
      port,
      ...(d.weight !== undefined && { weight: d.weight }),
      share,
      cluster: `outbound|${port}|${d.subset ?? ''}|${fqdn}`,
      ...(owner && {
        service: { kind: owner.kind, namespace: namespaceOf(owner), name: owner.metadata.name } as ObjectRef,
      }),
      ...(pods && { pods }),
      warnings,
    };
  });
}

/** The Service (or ServiceEntry) a fully qualified host names. */
export function ownerOf(index: MeshIndex, fqdn: string): Service | ServiceEntry | undefined {
  return index.serviceByFqdn.get(fqdn) ?? index.serviceEntryByHost.get(fqdn);
}

function onlyPort(owner: Service | ServiceEntry | undefined): number | undefined {
  const ports = list(owner?.spec.ports);
  return ports.length === 1 ? num(record(ports[0]).number ?? record(ports[0]).port) : undefined;
}

/** Whether a Service or ServiceEntry listens on `port`. */
export function hasPort(owner: Service | ServiceEntry, port: number): boolean {
  return list(owner.spec.ports).some((p) => (num(record(p).port) ?? num(record(p).number)) === port);
}

/** The labels of a subset: the first DestinationRule (Istio's order) for the host that defines it. */
export function subsetOf(
  index: MeshIndex,
  fqdn: string,
  subset: string,
  namespace: string,
): Record<string, string> | undefined {
  for (const { rule } of rulesCovering(index, fqdn)) {
    const exportTo = strings(rule.spec.exportTo);
    if (
      exportTo.length > 0 &&
      !exportTo.includes('*') &&
      !exportTo.includes(namespace) &&
      namespaceOf(rule) !== namespace
    )
      continue;
    const found = list(rule.spec.subsets).find((s) => record(s).name === subset);
    if (found) return labels(record(found).labels);
  }
  return undefined;
}

interface RuleSite {
  rule: DestinationRule;
  order: number;
}

// The DestinationRules whose host covers `fqdn`, in the index's order: exact hosts by lookup,
// wildcard ones by test, resolved once per index (asked per destination, a large mesh's
// thousands of destinations would otherwise each resolve every rule's host).
function rulesCovering(index: MeshIndex, fqdn: string): RuleSite[] {
  const { exact, wildcards } = memo(index, 'dr-hosts', () => {
    const exact = new Map<string, RuleSite[]>();
    const wildcards: Array<RuleSite & { host: string }> = [];
    (index.destinationRules as DestinationRule[]).forEach((rule, order) => {
      const written = text(rule.spec.host);
      if (!written) return;
      const host = resolveHost(written, namespaceOf(rule), index.namespaces);
      if (isWildcardHost(host)) wildcards.push({ rule, order, host });
      else exact.set(host, [...(exact.get(host) ?? []), { rule, order }]);
    });
    return { exact, wildcards };
  });
  const covering = wildcards.filter((site) => hostCovers(site.host, fqdn));
  const own = exact.get(fqdn) ?? [];
  return covering.length === 0 ? own : [...own, ...covering].sort((a, b) => a.order - b.order);
}

function podsOf(
  index: MeshIndex,
  owner: Service | ServiceEntry,
  extra: Record<string, string>,
): TracedDestination['pods'] {
  if (index.pods.length === 0) return undefined;
  const selector =
    owner.kind === 'Service'
      ? labels(owner.spec.selector)
      : labels(record(record(owner.spec).workloadSelector).labels);
  if (Object.keys(selector).length === 0) return undefined;
  const wanted = { ...selector, ...extra };
  const pods: Pod[] = (index.podsByNamespace.get(namespaceOf(owner)) ?? []).filter(
    (pod) => selectsSome(selector, pod.metadata.labels) && selects(wanted, pod.metadata.labels),
  );
  return {
    ready: pods.filter((pod) => pod.status.ready).length,
    total: pods.length,
    names: pods.map((pod) => pod.metadata.name),
  };
}
