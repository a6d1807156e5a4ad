import { changeRequestSchema } from '@/lib/mesh/change-schema';
import { errorResponse } from '@/lib/server/http-errors';
import { previewChange } from '@/lib/server/preview-change';
import { assertSameOrigin, readBody } from '@/lib/server/request-guard';
import { getSession } from '@/lib/server/session';
import { getStore } from '@/lib/server/store';

/** A change as it would be written (dry run): result, routing summary, YAML diff, warnings. */
export async function POST(request: Request): Promise<Response> {
  try {
    assertSameOrigin(request);
    const handle = await getStore();
    const session = await getSession(handle, request);
    return Response.json(await previewChange(handle, session, await readBody(request, changeRequestSchema)));
  } catch (error) {
    return errorResponse(error);
  }
}
