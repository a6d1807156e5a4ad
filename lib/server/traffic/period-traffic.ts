import 'server-only';
import type { MeasuredSplit } from '../../api/report';
import { indexSnapshot } from '../../graph/index-snapshot';
import type { GraphEdge } from '../../graph/types';
import type { MeshSnapshot } from '../../mesh/types';
import { edgeTraffic } from '../../traffic/edge-traffic';
import {
  MAX_PERIOD_SECONDS,
  MIN_PERIOD_SECONDS,
  type PeriodQueryName,
  periodQueries,
} from '../../traffic/promql';
import { mergeSamples, readVector } from '../../traffic/vector-result';
import type { Visibility } from '../auth/visibility';
import { readPrometheusConfig } from './prometheus-config';
import { instantQuery } from './prometheus-query';
import { samplesVisibleTo } from './traffic-answer';

/** A report without a period measures the hour before it. */
const DEFAULT_PERIOD_MS = 3600_000;
/** A report waits this long for Prometheus, then says it did not answer. */
const TIMEOUT_MS = 10_000;

/**
 * The figures a section cannot go without (the requests and their 5xx: every HTTP share), and
 * how the others are named when they did not come: a failed TCP query leaves the HTTP split whole.
 */
const OPTIONAL: Partial<Record<PeriodQueryName, string>> = {
  tcpBytes: 'TCP bytes sent',
  tcpConnections: 'TCP connections opened',
};

/**
 * The split each weight edge of `edges` received over a report's period, as Prometheus
 * measured it (mean rates over the period, ending at its end), from what the person may see:
 * of the requests on an HTTP or gRPC route, of the connections opened on a TCP or TLS one (of
 * the bytes sent when it opened none).
 * Undefined without Prometheus; `unavailable` when it did not answer the requests' queries;
 * `missing` names the TCP figures it did not answer while the rest came: a report never fails
 * for want of figures.
 */
export async function measuredSplit(
  visibility: Visibility,
  snapshot: MeshSnapshot,
  edges: readonly GraphEdge[],
  period: { from?: string; to?: string },
  now: number = Date.now(),
): Promise<MeasuredSplit | undefined> {
  const config = readPrometheusConfig();
  if (!config) return undefined;
  const end = Math.min(period.to ? Date.parse(period.to) : now, now);
  const start = period.from ? Date.parse(period.from) : end - DEFAULT_PERIOD_MS;
  const seconds = Math.round(
    Math.min(MAX_PERIOD_SECONDS, Math.max(MIN_PERIOD_SECONDS, (end - start) / 1000)),
  );
  const from = new Date(end - seconds * 1000).toISOString();
  const to = new Date(end).toISOString();
  const ask = async () => {
    const queries = periodQueries(seconds);
    const names = Object.keys(queries) as PeriodQueryName[];
    const settled = await Promise.allSettled(
      names.map(async (name) =>
        readVector(await instantQuery(config, queries[name], TIMEOUT_MS, end / 1000)),
      ),
    );
    const answers: Partial<Record<PeriodQueryName, ReturnType<typeof readVector>>> = {};
    const missing: string[] = [];
    names.forEach((name, i) => {
      const result = settled[i];
      if (result?.status === 'fulfilled') answers[name] = result.value;
      else {
        const reason = result?.reason instanceof Error ? result.reason.message : String(result?.reason);
        const optional = OPTIONAL[name];
        if (!optional) throw new Error(reason);
        missing.push(`${optional} (${reason})`);
      }
    });
    return { answers, missing };
  };
  try {
    const { answers, missing } = await ask();
    const samples = await samplesVisibleTo(visibility)(mergeSamples(answers));
    const traffic = edgeTraffic(indexSnapshot(snapshot), edges, samples);
    const rows: MeasuredSplit['edges'] = [];
    for (const edge of edges) {
      const figures = traffic.get(edge.id);
      const weight = edge.weight;
      if (!figures || !weight) continue;
      rows.push({
        namespace: weight.ref.namespace,
        name: weight.ref.name,
        objectKind: weight.ref.kind,
        kind: weight.routeKind,
        index: weight.routeIndex,
        host: weight.host,
        ...(weight.subset && { subset: weight.subset }),
        weight: weight.weight,
        rps: figures.rps,
        ...(figures.share !== undefined && { share: figures.share }),
        ...(figures.success !== undefined && { success: figures.success }),
        ...(figures.tcpBytes !== undefined && { tcpBytes: figures.tcpBytes }),
        ...(figures.tcpConnections !== undefined && { tcpConnections: figures.tcpConnections }),
      });
    }
    return { from, to, ...(missing.length > 0 && { missing }), edges: rows };
  } catch (error) {
    return { from, to, unavailable: error instanceof Error ? error.message : String(error), edges: [] };
  }
}
