import { InvalidError } from '@/lib/mesh/errors';
import { snapshotAt } from '@/lib/mesh/snapshot-at';
import { viewerOf } from '@/lib/server/auth/viewer';
import { listHistory } from '@/lib/server/history/list-history';
import { errorResponse } from '@/lib/server/http-errors';
import { viewNamespaces } from '@/lib/server/view-namespaces';

const MAX_CHANGES = 2_000;

/**
 * Everything Weir holds that the person may list: `{sequence, objects, sync}`; with
 * `?namespace=` (repeated), what a view of those namespaces shows. With `?at=<ISO>`,
 * the routing as it was then, rebuilt from the history the person may see, plus `at`,
 * `approximate` (keys not rebuilt exactly) and `complete` (false when more changes were
 * recorded since than Weir reads for one answer).
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const viewer = await viewerOf(request);
    const params = new URL(request.url).searchParams;
    const at = params.get('at');
    const namespaces = viewNamespaces(params);
    const headers = { 'cache-control': 'no-store' };
    if (!at) return Response.json(await viewer.snapshot(namespaces), { headers });
    if (Number.isNaN(Date.parse(at))) throw new InvalidError(`at is not a date and time: ${at}`);
    const from = new Date(at).toISOString();
    const [current, changes] = await Promise.all([
      viewer.snapshot(namespaces),
      listHistory(viewer, { from, limit: MAX_CHANGES }),
    ]);
    const past = snapshotAt(current, changes, from);
    return Response.json(
      {
        ...past.snapshot,
        at: past.at,
        approximate: past.approximate,
        complete: changes.length < MAX_CHANGES,
      },
      { headers },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
