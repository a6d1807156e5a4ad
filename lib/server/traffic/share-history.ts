import 'server-only';
import type { ShareHistory } from '../../api/traffic';
import { buildGraph } from '../../graph/build-graph';
import { placeOfDestinationNode } from '../../graph/ids';
import { indexSnapshot } from '../../graph/index-snapshot';
import { InvalidError, NotFoundError } from '../../mesh/errors';
import { namespaceNameProblem } from '../../mesh/object-names';
import { type RouteAddress, routeAddress, routeAddressKey } from '../../mesh/route-address';
import type { RouteKind } from '../../mesh/types';
import { edgeTraffic } from '../../traffic/edge-traffic';
import { historyQuery, isQueryableHost, MAX_HISTORY_HOSTS, type QuerySource } from '../../traffic/promql';
import { isTrafficWindow, TRAFFIC_WINDOWS, type TrafficWindow } from '../../traffic/types';
import { mergeSamples, readMatrix } from '../../traffic/vector-result';
import type { Viewer } from '../auth/viewer';
import { readPrometheusConfig } from './prometheus-config';
import { rangeQuery } from './prometheus-query';
import { samplesVisibleTo } from './traffic-answer';

/** Points in a sparkline, whatever the window. */
export const HISTORY_POINTS = 30;
const WINDOW_SECONDS: Record<TrafficWindow, number> = { '1m': 60, '5m': 300, '1h': 3600 };
const TIMEOUT_MS = 10_000;
const ROUTE_KINDS: readonly RouteKind[] = ['http', 'tcp', 'tls'];
const PARAMS = new Set(['window', 'namespace', 'name', 'kind', 'index']);

/** `?window=&namespace=&name=&kind=&index=`: a route of a VirtualService; 422 naming the parameter. */
export function readHistoryRequest(params: URLSearchParams): { window: TrafficWindow; route: RouteAddress } {
  for (const name of params.keys())
    if (!PARAMS.has(name)) throw new InvalidError(`${name.slice(0, 64)}: not a parameter of this endpoint`);
  const one = (name: string) => {
    const values = params.getAll(name);
    if (values.length !== 1) throw new InvalidError(`${name}: give it once (got ${values.length})`);
    return values[0] as string;
  };
  const window = params.get('window') ?? '1m';
  if (!isTrafficWindow(window))
    throw new InvalidError(`window: one of ${TRAFFIC_WINDOWS.join(', ')}, not "${window.slice(0, 64)}"`);
  const namespace = one('namespace');
  const problem = namespaceNameProblem(namespace.slice(0, 80));
  if (problem) throw new InvalidError(`namespace: ${problem}`);
  const name = one('name');
  if (!isQueryableHost(name)) throw new InvalidError('name: a VirtualService name (a lower-case DNS name)');
  const kind = one('kind');
  if (!(ROUTE_KINDS as readonly string[]).includes(kind))
    throw new InvalidError(`kind: one of ${ROUTE_KINDS.join(', ')}`);
  const index = one('index');
  if (!/^\d{1,4}$/.test(index)) throw new InvalidError('index: a route index, 0 to 9999');
  return { window, route: routeAddress(namespace, name, kind as RouteKind, Number(index)) };
}

/**
 * The measured share of each destination of `route` at HISTORY_POINTS moments over the window
 * (its 1m request rate then), from what the person may see: a range query naming only the
 * route's hosts, recorded series first.
 */
export async function shareHistory(
  viewer: Viewer,
  window: TrafficWindow,
  route: RouteAddress,
  now: number = Date.now(),
): Promise<ShareHistory> {
  const span = WINDOW_SECONDS[window];
  const step = Math.max(1, Math.round(span / HISTORY_POINTS));
  const config = readPrometheusConfig();
  if (!config)
    return { window, step, points: [], unavailable: 'Weir has no Prometheus (WEIR_PROMETHEUS_URL)' };
  const snapshot = await viewer.snapshot([route.ref.namespace]);
  const key = routeAddressKey(route);
  const edges = buildGraph(snapshot).edges.filter(
    (edge) => edge.kind === 'weight' && edge.weight && routeAddressKey(edge.weight) === key,
  );
  if (edges.length === 0) throw new NotFoundError(`no weighted route ${key} that you may see`);
  // The destination node's host is the cluster's name for it (Istio's destination_service);
  // the weight's is as the route writes it (`catalog`).
  const hosts = [...new Set(edges.map((edge) => placeOfDestinationNode(edge.target)?.host ?? ''))]
    .filter(isQueryableHost)
    .slice(0, MAX_HISTORY_HOSTS);
  if (hosts.length === 0) return { window, step, points: [] };
  const end = Math.floor(now / 1000);
  const range = { start: end - span, end, step };
  try {
    const ask = async (source: QuerySource) =>
      readMatrix(await rangeQuery(config, historyQuery(hosts, source), range, TIMEOUT_MS));
    let series = await ask('recorded');
    if (series.length === 0) series = await ask('raw');
    const visible = samplesVisibleTo(viewer.visibility);
    const index = indexSnapshot(snapshot);
    const points: ShareHistory['points'] = [];
    for (const { time, points: at } of series) {
      const traffic = edgeTraffic(index, edges, await visible(mergeSamples({ requests: at })));
      const shares: Record<string, number> = {};
      for (const [id, figures] of traffic) if (figures.share !== undefined) shares[id] = figures.share;
      points.push({ time, shares });
    }
    return { window, step, points };
  } catch (error) {
    return { window, step, points: [], unavailable: error instanceof Error ? error.message : String(error) };
  }
}
