import { InvalidError } from '@/lib/mesh/errors';
import { viewerOf } from '@/lib/server/auth/viewer';
import { errorResponse } from '@/lib/server/http-errors';
import { objectCommit } from '@/lib/server/object-commit';

/** `?key=Kind/namespace/name` → `{commit}`: the last Git commit that touched that object, or null. */
export async function GET(request: Request): Promise<Response> {
  try {
    const key = new URL(request.url).searchParams.get('key');
    if (!key) throw new InvalidError('the key of an object is required: ?key=Kind/namespace/name');
    const viewer = await viewerOf(request);
    return Response.json(
      { commit: await objectCommit(viewer, key) },
      { headers: { 'cache-control': 'no-store' } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
