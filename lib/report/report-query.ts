/** The formats `/api/report` answers in. */
export const REPORT_FORMATS = ['md', 'json', 'svg', 'png'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What a report covers: namespaces (none: every one visible), a past time, a period. */
export interface ReportQuery {
  namespaces: readonly string[];
  /** ISO time of the routing to report; absent: as it stands. */
  at?: string;
  from?: string;
  to?: string;
}

/** The address of the report in one format (`/api/report?...`), for the dialog and the report's own links. */
export function reportHref(query: ReportQuery, format: ReportFormat): string {
  const params = new URLSearchParams({ format });
  for (const namespace of query.namespaces) params.append('namespace', namespace);
  if (query.at) params.set('at', query.at);
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  return `/api/report?${params}`;
}
