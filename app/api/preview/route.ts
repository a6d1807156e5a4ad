import { z } from 'zod';
import { changeRequestSchema, lifecycleRequestSchema } from '@/lib/mesh/changes';
import { previewLifecycleChange } from '@/lib/server/create-delete';
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
    const input = await readBody(request, z.union([changeRequestSchema, lifecycleRequestSchema]));
    if (input.change.kind === 'CreateObject' || input.change.kind === 'DeleteObject')
      return Response.json(await previewLifecycleChange(handle, session, { ...input, change: input.change }));
    return Response.json(
      await previewChange(handle, session, {
        change: input.change,
        resourceVersion: input.resourceVersion ?? '',
      }),
    );
  } catch (error) {
    return errorResponse(error);
  }
}
