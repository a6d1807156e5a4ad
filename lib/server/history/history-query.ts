import 'server-only';
import type { HistoryFilter } from '../../mesh/history';
import { readList, readTime } from '../query-params';

/** `?namespace=&kind=&name=&from=&to=&limit=` as a history filter; 422 names a bad time. */
export function readHistoryQuery(params: URLSearchParams): HistoryFilter {
  const limit = params.get('limit');
  return {
    namespaces: readList(params, 'namespace'),
    kind: params.get('kind') ?? undefined,
    name: params.get('name') ?? undefined,
    from: readTime(params, 'from'),
    to: readTime(params, 'to'),
    limit: limit ? Math.max(1, Number(limit) || 1) : undefined,
  };
}
