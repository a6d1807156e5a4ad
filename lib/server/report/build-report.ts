import type { GraphReference, MeasuredSplit, RoutingReport } from '../../api/report';
import { describeFeatures, describeMatch } from '../../graph/describe-route';
import type { ControllerLock } from '../../mesh/controller-lock';
import type { HistoryEntry } from '../../mesh/history';
import { ROUTE_KINDS, routesOf } from '../../mesh/routes';
import type { MeshSnapshot, ObjectKey } from '../../mesh/types';
import { effectiveWeights } from '../../mesh/weights';
import type { Finding } from '../../validate/types';

export const PAST_NOTE =
  'Services, pods and their labels are not recorded in the history: they are shown as they are now.';

export interface ReportInput {
  snapshot: MeshSnapshot;
  findings: Finding[];
  changes: HistoryEntry[];
  locks: Record<ObjectKey, ControllerLock>;
  namespaces: string[];
  period: { from?: string; to?: string };
  user: string;
  graph: GraphReference;
  /** What Prometheus measured on the weight edges over the period (lib/server/traffic/period-traffic). */
  measured?: MeasuredSplit;
  /** A past time: the snapshot is the routing rebuilt for it. */
  past?: { at: string; approximate: ObjectKey[]; complete: boolean };
  now?: Date;
}

const byName = (a: { namespace: string; name: string }, b: { namespace: string; name: string }) =>
  a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);

/** Builds the report from what the person may see (the caller filters the snapshot and history). */
export function buildReport(input: ReportInput): RoutingReport {
  const { snapshot, namespaces } = input;
  const inScope = (namespace: string | undefined) =>
    namespaces.length === 0 || namespaces.includes(namespace ?? '');
  const objects = Object.values(snapshot.objects).filter(
    (o) => o.kind !== 'Invalid' && inScope(o.metadata.namespace),
  );

  const gateways: RoutingReport['gateways'] = [];
  const virtualServices: RoutingReport['virtualServices'] = [];
  const destinationRules: RoutingReport['destinationRules'] = [];
  for (const object of objects) {
    const namespace = object.metadata.namespace ?? '';
    const name = object.metadata.name;
    if (object.kind === 'Gateway') {
      gateways.push({
        namespace,
        name,
        selector: object.spec.selector ?? {},
        servers: (object.spec.servers ?? []).map((server) => ({
          port: server.port.number,
          protocol: server.port.protocol,
          hosts: server.hosts,
          ...(server.tls?.mode && { tls: server.tls.mode }),
        })),
      });
    } else if (object.kind === 'VirtualService') {
      const lock = input.locks[`VirtualService/${namespace}/${name}`];
      virtualServices.push({
        namespace,
        name,
        resourceVersion: object.metadata.resourceVersion,
        hosts: object.spec.hosts ?? [],
        gateways: object.spec.gateways ?? ['mesh'],
        ...(lock && { lockedBy: lock.owner }),
        routes: ROUTE_KINDS.flatMap((kind) =>
          routesOf(object, kind).map((route, index) => {
            const destinations = route.route ?? [];
            const weights = effectiveWeights(destinations.map((d) => d.weight));
            return {
              kind,
              index,
              ...('name' in route && route.name && { name: route.name }),
              match: describeMatch(kind, route.match),
              destinations: destinations.map((d, i) => ({
                host: d.destination.host,
                ...(d.destination.subset && { subset: d.destination.subset }),
                ...(d.destination.port?.number && { port: d.destination.port.number }),
                weight: weights[i] ?? 0,
              })),
              also: kind === 'http' ? describeFeatures(route as unknown as Record<string, unknown>) : [],
            };
          }),
        ),
      });
    } else if (object.kind === 'DestinationRule') {
      destinationRules.push({
        namespace,
        name,
        host: object.spec.host,
        subsets: (object.spec.subsets ?? []).map((s) => ({ name: s.name, labels: s.labels ?? {} })),
      });
    }
  }
  const generatedAt = (input.now ?? new Date()).toISOString();
  return {
    generatedAt,
    generatedBy: input.user,
    source: snapshot.sync.source,
    namespaces,
    asOf: input.past?.at ?? generatedAt,
    ...(input.past && {
      past: { approximate: input.past.approximate, complete: input.past.complete, note: PAST_NOTE },
    }),
    period: input.period,
    graph: input.graph,
    gateways: gateways.sort(byName),
    virtualServices: virtualServices.sort(byName),
    destinationRules: destinationRules.sort(byName),
    findings: input.findings.filter((f) => inScope(f.ref.namespace)),
    changes: input.changes.map(({ before: _b, after: _a, change: _c, ...entry }) => entry),
    ...(input.measured && { measured: input.measured }),
  };
}
