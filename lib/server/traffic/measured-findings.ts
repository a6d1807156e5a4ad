import 'server-only';
import { buildGraph } from '../../graph/build-graph';
import { indexSnapshot } from '../../graph/index-snapshot';
import type { MeshSnapshot } from '../../mesh/types';
import { edgeTraffic } from '../../traffic/edge-traffic';
import { trafficFindings } from '../../traffic/traffic-findings';
import type { TrafficWindow } from '../../traffic/types';
import type { Finding } from '../../validate/types';
import type { Visibility } from '../auth/visibility';
import { visibleTraffic } from './traffic-answer';
import { trafficMonitor } from './traffic-monitor';

/**
 * What the measured traffic says against `snapshot` (the person's view of the routing), from
 * the figures the person may see: the same findings the problems panel shows. None without
 * Prometheus, and none from stale figures — a finding says what traffic does now.
 */
export async function measuredFindings(
  visibility: Visibility,
  snapshot: MeshSnapshot,
  window: TrafficWindow = '1m',
): Promise<Finding[]> {
  const monitor = trafficMonitor();
  if (!monitor) return [];
  const report = await visibleTraffic(visibility, monitor.report(window));
  const samples = report.windows[window];
  if (report.status.state !== 'live' || !samples || samples.length === 0) return [];
  const { edges } = buildGraph(snapshot);
  return trafficFindings(edges, edgeTraffic(indexSnapshot(snapshot), edges, samples), window);
}
