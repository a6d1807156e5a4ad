import 'server-only';
import { InvalidError } from '../mesh/errors';

/** Longest search: a host name's longest (RFC 1035's 253). */
export const MAX_QUERY = 253;

/** `?q=` of GET /api/search: some text, at most a host name long, no control characters; else a 422 naming q. */
export function readSearchQuery(params: URLSearchParams): string {
  const values = params.getAll('q');
  if (values.length > 1) throw new InvalidError(`q: one search at a time, not ${values.length}`);
  const query = (values[0] ?? '').trim();
  if (!query) throw new InvalidError('q: say what to search for (a host or a name)');
  if (query.length > MAX_QUERY)
    throw new InvalidError(`q: at most ${MAX_QUERY} characters (a host name's longest), not ${query.length}`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
  if (/[\u0000-\u001f\u007f]/.test(query)) throw new InvalidError('q: no control characters');
  return query;
}

/**
 * GET /api/overview takes nothing: it covers every namespace, as the mesh is now. A namespace
 * or a time is a 422 naming it, where ignoring it would answer something not asked for.
 */
export function refuseOverviewParams(params: URLSearchParams): void {
  if (params.has('namespace'))
    throw new InvalidError(
      'namespace: the overview covers every namespace; open one with /api/snapshot?namespace=',
    );
  if (params.has('at'))
    throw new InvalidError('at: the overview shows the mesh as it is now, not at a past time');
}
