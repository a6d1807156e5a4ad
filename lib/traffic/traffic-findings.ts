import type { GraphEdge } from '../graph/types';
import { routeAddressKey } from '../mesh/route-address';
import type { Finding } from '../validate/types';
import { percent } from './edge-text';
import { flagCauses } from './response-flags';
import type { EdgeTraffic, TrafficWindow } from './types';

/** Above this share of 5xx answers, a destination is failing. */
export const ERROR_THRESHOLD = 0.05;
/** A measured share this far (in points of 100) from the configured weight is reported. */
export const SHARE_TOLERANCE = 0.1;
/** Below this many requests per second on a route, shares are too noisy to judge. */
const MIN_ROUTE_RPS = 1;

/** Whether an edge's traffic fails more than ERROR_THRESHOLD. */
export function isFailing(traffic: EdgeTraffic | undefined): boolean {
  return traffic?.success !== undefined && 1 - traffic.success > ERROR_THRESHOLD;
}

const LIKELY_CAUSES =
  'likely causes: pods behind the subset not ready, outlier detection ejecting them, consistent-hash or session affinity, or a second VirtualService for the host';

/**
 * What the measured traffic says against the configuration, per weight edge: a destination
 * failing above the threshold, a measured share away from its weight beyond the tolerance,
 * and requests reaching a destination its route gives nothing to.
 */
export function trafficFindings(
  edges: readonly GraphEdge[],
  traffic: ReadonlyMap<string, EdgeTraffic>,
  window: TrafficWindow,
): Finding[] {
  const routeRps = new Map<string, number>();
  for (const edge of edges) {
    const t = traffic.get(edge.id);
    if (edge.weight && t)
      routeRps.set(routeAddressKey(edge.weight), (routeRps.get(routeAddressKey(edge.weight)) ?? 0) + t.rps);
  }
  const findings: Finding[] = [];
  for (const edge of edges) {
    const t = traffic.get(edge.id);
    const weight = edge.weight;
    if (!weight || !t || !edge.path) continue;
    const where = `${weight.host}${weight.subset ? ` subset ${weight.subset}` : ''}`;
    const base = { ref: weight.ref, path: edge.path };
    // Envoy's response flags name the cause when they can; else the usual suspects.
    const flagged = flagCauses(t.flags, t.rps);
    const causes = flagged.length > 0 ? `Envoy's response flags: ${flagged.join('; ')}` : undefined;
    if (isFailing(t) && t.success !== undefined)
      findings.push({
        ...base,
        code: 'TRAFFIC_ERROR_RATE',
        severity: 'error',
        message: `${where} answered ${percent(1 - t.success)} of its requests with a 5xx over the last ${window} (above ${percent(ERROR_THRESHOLD)})${causes ? `; ${causes}` : ''}`,
      });
    if ((routeRps.get(routeAddressKey(weight)) ?? 0) < MIN_ROUTE_RPS || t.share === undefined) continue;
    if (weight.weight === 0 && t.share > 0.01)
      findings.push({
        ...base,
        code: 'TRAFFIC_UNEXPECTED',
        severity: 'warning',
        message: `${where} is configured to get nothing, yet received ${percent(t.share)} of the route's requests over the last ${window}`,
      });
    else if (Math.abs(t.share - weight.weight / 100) > SHARE_TOLERANCE)
      findings.push({
        ...base,
        code: 'TRAFFIC_SHARE_DRIFT',
        severity: 'warning',
        message: `${where} received ${percent(t.share)} of the route's requests over the last ${window}, configured ${weight.weight}%: ${causes ?? LIKELY_CAUSES}`,
      });
  }
  return findings;
}
