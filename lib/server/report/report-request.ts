import { InvalidError } from '../../mesh/errors';

export const REPORT_FORMATS = ['md', 'json', 'svg', 'png'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What a report is asked for: `?namespace=&from=&to=&at=&format=`. */
export interface ReportRequest {
  format: ReportFormat;
  namespaces: string[];
  /** The routing as it was at this time (rebuilt from the history); absent: as it stands. */
  at?: string;
  /** The period whose changes are listed; `to` defaults to `at` when one is given. */
  period: { from?: string; to?: string };
}

function time(value: string | null, name: string): string | undefined {
  if (!value) return undefined;
  if (Number.isNaN(Date.parse(value))) throw new InvalidError(`${name} is not a date and time: ${value}`);
  return new Date(value).toISOString();
}

/** The request read from a report URL's query; InvalidError names the parameter that is wrong. */
export function readReportRequest(params: URLSearchParams): ReportRequest {
  const format = params.get('format') ?? 'md';
  if (!REPORT_FORMATS.includes(format as ReportFormat))
    throw new InvalidError(`format is one of ${REPORT_FORMATS.join(', ')}, not ${format}`);
  const at = time(params.get('at'), 'at');
  const from = time(params.get('from'), 'from');
  const to = time(params.get('to'), 'to') ?? at;
  if (from && to && from > to) throw new InvalidError(`from (${from}) is after to (${to})`);
  return {
    format: format as ReportFormat,
    namespaces: [...new Set(params.getAll('namespace').filter(Boolean))].sort(),
    ...(at && { at }),
    period: { ...(from && { from }), ...(to && { to }) },
  };
}

/** The query that asks for the same report in another format (for links between them). */
export function reportQuery(request: ReportRequest, format: ReportFormat): string {
  const params = new URLSearchParams({ format });
  for (const namespace of request.namespaces) params.append('namespace', namespace);
  if (request.at) params.set('at', request.at);
  if (request.period.from) params.set('from', request.period.from);
  if (request.period.to) params.set('to', request.period.to);
  return `/api/report?${params}`;
}
