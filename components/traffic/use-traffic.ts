import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { convergenceTime, trafficQuery } from '@/lib/client/traffic-query';
import { indexSnapshot } from '@/lib/graph/index-snapshot';
import type { MeshGraph } from '@/lib/graph/types';
import type { MeshSnapshot } from '@/lib/mesh/types';
import { type ConvergenceState, trackConvergence } from '@/lib/traffic/converging';
import { edgeTraffic } from '@/lib/traffic/edge-traffic';
import { trafficFindings } from '@/lib/traffic/traffic-findings';
import type { EdgeTraffic, TrafficReport, TrafficWindow } from '@/lib/traffic/types';
import { workloadTraffic } from '@/lib/traffic/workload-traffic';
import type { Finding } from '@/lib/validate/types';
import { edgeTrafficStore } from './edge-traffic-store';

const NONE: readonly Finding[] = [];

export interface TrafficView {
  report?: TrafficReport;
  window: TrafficWindow;
  setWindow(window: TrafficWindow): void;
  /** What the measured traffic says against the configuration (lib/traffic/traffic-findings). */
  findings: readonly Finding[];
}

/**
 * Live traffic on the drawn graph: the report for the chosen window (pushed by the event
 * stream), mapped onto the weight edges (lib/traffic) and handed to them through
 * edgeTrafficStore. Nothing for a past time: Prometheus's figures are of now.
 */
export function useTraffic(view: MeshSnapshot | undefined, graph: MeshGraph, enabled: boolean): TrafficView {
  const [window, setWindow] = useState<TrafficWindow>('1m');
  const query = useQuery({ ...trafficQuery(window), enabled });
  const report = enabled ? query.data : undefined;
  const samples = report?.windows[window];
  // Only with figures to map: indexing the view on each of a drag's writes (no Prometheus) cost
  // a pass over every object of the view per write, for nothing.
  const index = useMemo(() => (view && samples ? indexSnapshot(view) : undefined), [view, samples]);
  const traffic = useMemo(
    () => (index && samples ? edgeTraffic(index, graph.edges, samples) : new Map<string, EdgeTraffic>()),
    [index, graph.edges, samples],
  );
  const workloads = useMemo(
    () => (index && samples ? workloadTraffic(index, graph.nodes, samples) : new Map<string, EdgeTraffic>()),
    [index, graph.nodes, samples],
  );
  const status = report?.status;
  // After a weight moves, its edge is marked converging until figures taken since reach it:
  // "since" by the server's clock (the report's time), never the browser's (lib/traffic/converging),
  // and only the event stream's reports: one server's clock, in order with the weight changes.
  const tracked = useRef<ConvergenceState>({ weights: new Map(), converging: new Map() });
  const measuredAt = convergenceTime(report);
  useEffect(() => {
    tracked.current = trackConvergence(tracked.current, graph.edges, traffic, measuredAt, Date.now());
    const shown = new Map<string, EdgeTraffic>(workloads);
    for (const [id, figures] of traffic) {
      const converging = tracked.current.converging.get(id);
      shown.set(id, converging ? { ...figures, convergingOn: converging.target } : figures);
    }
    edgeTrafficStore.replace(shown, status ?? { state: 'off' }, window);
  }, [graph.edges, traffic, workloads, measuredAt, status, window]);
  const findings = useMemo(
    () => (samples && traffic.size > 0 ? trafficFindings(graph.edges, traffic, window) : NONE),
    [samples, traffic, graph.edges, window],
  );
  return { report, window, setWindow, findings };
}
