import { viewerOf } from '@/lib/server/auth/viewer';
import { errorResponse } from '@/lib/server/http-errors';
import { locksIn } from '@/lib/server/locks';

/**
 * Objects another controller owns, which Weir will not change:
 * `{locks: {"VirtualService/ns/name": {controller, owner, reason, instead}}, error?}`.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const viewer = await viewerOf(request);
    const answer = await locksIn(viewer.handle, await viewer.snapshot());
    return Response.json(answer, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
