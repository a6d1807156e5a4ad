import 'server-only';
import { InvalidError } from '../../mesh/errors';
import { namespaceNameProblem } from '../../mesh/object-names';
import { REPORT_FORMATS, type ReportFormat, type ReportQuery } from '../../report/report-query';
import { readList, readTime } from '../query-params';

/** What a report is asked for: `?namespace=&from=&to=&at=&format=`. */
export interface ReportRequest {
  format: ReportFormat;
  namespaces: string[];
  /** The routing as it was at this time (rebuilt from the history); absent: as it stands. */
  at?: string;
  /** The period whose changes are listed; `to` defaults to `at` when one is given. */
  period: { from?: string; to?: string };
}

/** The request read from a report URL's query; InvalidError names the parameter that is wrong. */
export function readReportRequest(params: URLSearchParams): ReportRequest {
  const format = params.get('format') ?? 'md';
  if (!REPORT_FORMATS.includes(format as ReportFormat))
    throw new InvalidError(`format is one of ${REPORT_FORMATS.join(', ')}, not ${format}`);
  const namespaces = [...new Set(readList(params, 'namespace'))].sort();
  // Anything but a namespace's name names no namespace, and would land in the report as typed.
  const wrong = namespaces.find((namespace) => namespaceNameProblem(namespace));
  if (wrong !== undefined)
    throw new InvalidError(
      `namespace is a Kubernetes namespace name (lower-case letters, digits and '-'), not ${JSON.stringify(wrong)}`,
    );
  const at = readTime(params, 'at');
  const from = readTime(params, 'from');
  const to = readTime(params, 'to') ?? at;
  if (from && to && from > to) throw new InvalidError(`from (${from}) is after to (${to})`);
  return {
    format: format as ReportFormat,
    namespaces,
    ...(at && { at }),
    period: { ...(from && { from }), ...(to && { to }) },
  };
}

/** The request as the query of a report address (for links to it in another format). */
export function reportQueryOf(request: ReportRequest): ReportQuery {
  return { namespaces: request.namespaces, at: request.at, ...request.period };
}
