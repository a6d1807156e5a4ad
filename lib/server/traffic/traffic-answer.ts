import 'server-only';
import { InvalidError } from '../../mesh/errors';
import {
  isTrafficWindow,
  TRAFFIC_WINDOWS,
  type TrafficReport,
  type TrafficSample,
  type TrafficWindow,
} from '../../traffic/types';
import type { Visibility } from '../auth/visibility';
import { TRAFFIC_OFF, trafficMonitor } from './traffic-monitor';

/** `?window=` of GET /api/traffic: one of 1m, 5m, 1h (default 1m); else a 422 naming window. */
export function readTrafficWindow(params: URLSearchParams): TrafficWindow {
  const values = params.getAll('window');
  if (values.length > 1) throw new InvalidError(`window: one window at a time, not ${values.length}`);
  for (const name of params.keys())
    if (name !== 'window') throw new InvalidError(`${name.slice(0, 64)}: GET /api/traffic takes only window`);
  const value = values[0] ?? '1m';
  if (!isTrafficWindow(value))
    throw new InvalidError(`window: one of ${TRAFFIC_WINDOWS.join(', ')}, not "${value.slice(0, 64)}"`);
  return value;
}

/**
 * The report without the figures of services the person may not list: a sample names a
 * service and its workloads, which is what listing Services in its namespace would show. Its
 * caller (a sidecar's workload, a gateway's proxy) is named only where the person may list
 * Pods: elsewhere it reads `unknown`, as Istio names a caller it cannot tell.
 */
export async function visibleTraffic(visibility: Visibility, report: TrafficReport): Promise<TrafficReport> {
  if (!visibility.restricted) return report;
  const visible = samplesVisibleTo(visibility);
  const windows: TrafficReport['windows'] = {};
  for (const [window, samples] of Object.entries(report.windows) as Array<
    [TrafficWindow, TrafficReport['windows']['1m']]
  >)
    windows[window] = await visible(samples ?? []);
  return { ...report, windows };
}

/** For one person: the samples they may see of a list (visibleTraffic's rule), answers cached per namespace. */
export function samplesVisibleTo(
  visibility: Visibility,
): (samples: readonly TrafficSample[]) => Promise<TrafficSample[]> {
  const allowed = new Map<string, Promise<boolean>>();
  const may = (kind: 'Service' | 'Pod', namespace: string) => {
    const key = `${kind}/${namespace}`;
    let answer = allowed.get(key);
    if (!answer) {
      answer = namespace ? visibility.mayList(kind, namespace).catch(() => false) : Promise.resolve(false);
      allowed.set(key, answer);
    }
    return answer;
  };
  return async (samples) => {
    if (!visibility.restricted) return [...samples];
    const kept: TrafficSample[] = [];
    for (const sample of samples) {
      if (!(await may('Service', sample.namespace))) continue;
      kept.push(
        (await may('Pod', sample.sourceNamespace))
          ? sample
          : { ...sample, sourceWorkload: UNKNOWN, sourceNamespace: UNKNOWN },
      );
    }
    return kept;
  };
}

const UNKNOWN = 'unknown';

/** GET /api/traffic: the latest figures the person may see (asking keeps the window queried). */
export function trafficFor(visibility: Visibility, window: TrafficWindow): Promise<TrafficReport> {
  const monitor = trafficMonitor();
  return monitor ? visibleTraffic(visibility, monitor.report(window)) : Promise.resolve(TRAFFIC_OFF);
}

/** The report with only the samples of services in `namespaces` (a view's). */
export function trafficIn(report: TrafficReport, namespaces: ReadonlySet<string>): TrafficReport {
  const windows: TrafficReport['windows'] = {};
  for (const [window, samples] of Object.entries(report.windows) as Array<
    [TrafficWindow, TrafficReport['windows']['1m']]
  >)
    windows[window] = (samples ?? []).filter((sample) => namespaces.has(sample.namespace));
  return { ...report, windows };
}

/**
 * Pushes each new report to one browser's event stream as `event: traffic` (no id: the store's
 * sequence stays the stream's): only what the person may see and, for a view of some
 * namespaces, only the services of namespaces the view holds (`inView`, asked at each push:
 * a view comes to hold another namespace when a route starts sending there). Returns the
 * unsubscribe function.
 */
export function trafficFeed(
  visibility: Visibility,
  inView?: () => ReadonlySet<string>,
): (send: (text: string) => void) => () => void {
  return (send) => {
    const monitor = trafficMonitor();
    if (!monitor) return () => {};
    let chain = Promise.resolve();
    const push = (report: TrafficReport) => {
      chain = chain.then(async () => {
        const visible = await visibleTraffic(visibility, report).catch(() => undefined);
        if (!visible) return;
        const shown = inView ? trafficIn(visible, inView()) : visible;
        send(`event: traffic\ndata: ${JSON.stringify(shown)}\n\n`);
      });
    };
    return monitor.subscribe(push);
  };
}
