import { viewerOf } from '@/lib/server/auth/viewer';
import { errorResponse } from '@/lib/server/http-errors';

/** Everything Weir holds that the person may list: `{sequence, objects, sync}`. */
export async function GET(request: Request): Promise<Response> {
  try {
    const viewer = await viewerOf(request);
    return Response.json(await viewer.snapshot(), { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
