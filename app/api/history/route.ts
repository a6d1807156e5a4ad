import { InvalidError } from '@/lib/mesh/errors';
import { viewerOf } from '@/lib/server/auth/viewer';
import { listHistory } from '@/lib/server/history/list-history';
import { errorResponse } from '@/lib/server/http-errors';

function time(value: string | null, name: string): string | undefined {
  if (!value) return undefined;
  if (Number.isNaN(Date.parse(value))) throw new InvalidError(`${name} is not a date and time: ${value}`);
  return new Date(value).toISOString();
}

/**
 * The changes recorded, newest first, that the person may see:
 * `?namespace=&kind=&name=&from=&to=&limit=` → `{entries}`.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const viewer = await viewerOf(request);
    const params = new URL(request.url).searchParams;
    const limit = params.get('limit');
    const entries = await listHistory(viewer, {
      namespaces: params.getAll('namespace').filter(Boolean),
      kind: params.get('kind') ?? undefined,
      name: params.get('name') ?? undefined,
      from: time(params.get('from'), 'from'),
      to: time(params.get('to'), 'to'),
      limit: limit ? Math.max(1, Number(limit) || 1) : undefined,
    });
    return Response.json({ entries }, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
