import 'server-only';
import type { RoutingReport } from '../../api/report';
import { buildGraph } from '../../graph/build-graph';
import { drawGraphSvg, type GraphPicture, type SvgHeading } from '../../graph/graph-svg';
import type { MeshSnapshot } from '../../mesh/types';
import { reportHref } from '../../report/report-query';
import { validate } from '../../validate';
import type { Viewer } from '../auth/viewer';
import { HISTORY_LIMIT, listHistory } from '../history/list-history';
import { locksIn } from '../locks';
import { pastSnapshot } from '../past-snapshot';
import { measuredSplit } from '../traffic/period-traffic';
import { buildReport, type ReportInput } from './build-report';
import { type ReportRequest, reportQueryOf } from './report-request';

/** A report and, drawn only when asked for, its graph. */
export interface GatheredReport {
  report: RoutingReport;
  draw(): Promise<GraphPicture>;
}

/**
 * The report a person asked for, from what they may see: the routing as it stands, or as it
 * was at `at` (rebuilt from the history, as the past view does), with the findings of that
 * routing, the changes of the period, the traffic Prometheus measured on each weight edge over
 * it, and the graph of the chosen namespaces.
 */
export async function gatherReport(viewer: Viewer, request: ReportRequest): Promise<GatheredReport> {
  const { namespaces, period } = request;
  let snapshot: MeshSnapshot;
  let past: ReportInput['past'];
  if (request.at) {
    const { at, approximate, complete, ...rebuilt } = await pastSnapshot(viewer, request.at);
    const inScope = (key: string) => namespaces.length === 0 || namespaces.includes(key.split('/')[1] ?? '');
    snapshot = rebuilt;
    past = { at, approximate: approximate.filter(inScope), complete };
  } else {
    snapshot = await viewer.snapshot();
  }
  const findings = validate(snapshot);
  const [changes, { locks }] = await Promise.all([
    listHistory(viewer, { namespaces, ...period, limit: HISTORY_LIMIT }),
    locksIn(viewer.handle, snapshot),
  ]);
  const graph = buildGraph(snapshot, findings, { namespaces });
  // The period's measured split, to `at` for a past routing (the period's end defaults to it).
  const measured = await measuredSplit(viewer.visibility, snapshot, graph.edges, period);
  const report = buildReport({
    ...(measured && { measured }),
    snapshot,
    findings,
    changes,
    locks,
    namespaces,
    period,
    user: viewer.session.user,
    past,
    graph: {
      svg: reportHref(reportQueryOf(request), 'svg'),
      png: reportHref(reportQueryOf(request), 'png'),
      nodes: graph.nodes.length,
      edges: graph.edges.length,
    },
  });
  return { report, draw: () => drawGraphSvg(graph, graphHeading(report)) };
}

/** What the picture says of itself: scope, the time it is of, who made it, from where. */
export function graphHeading(report: RoutingReport): SvgHeading {
  const scope = report.namespaces.length > 0 ? report.namespaces.join(', ') : 'all namespaces visible';
  const lines = [
    report.past
      ? `Routing as of ${report.asOf}, rebuilt from the recorded history`
      : `Routing as of ${report.asOf}, as it stood`,
    `Generated ${report.generatedAt} by ${report.generatedBy} · ${report.source}`,
  ];
  if (report.past) {
    lines.push(report.past.note);
    if (report.past.approximate.length > 0)
      lines.push(`As they are now (earlier spec not recorded): ${report.past.approximate.join(', ')}`);
  }
  return { title: `Routing graph · ${scope}`, lines };
}
