import { viewerOf } from '@/lib/server/auth/viewer';
import { errorResponse } from '@/lib/server/http-errors';
import { assertSameOrigin, readBody } from '@/lib/server/request-guard';
import { readAt, traceFor } from '@/lib/server/trace/trace-for';
import { traceInputSchema } from '@/lib/trace/request';

/**
 * Where a request would go: `{entry, request}` in, `{sequence, result, past?}` out (docs/api.md).
 * Reads only, so an auditor may trace; `?at=` traces the routing as it was then.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    // Like every POST: one rule for the browser and for scripts, and no cross-site caller can
    // spend a person's session on it.
    assertSameOrigin(request);
    const viewer = await viewerOf(request);
    const at = readAt(new URL(request.url).searchParams.get('at'));
    const input = await readBody(request, traceInputSchema);
    return Response.json(await traceFor(viewer, input, at), { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
