import { z } from 'zod';
import { meshChangeSchema } from '@/lib/mesh/change-schema';
import { InvalidError } from '@/lib/mesh/errors';
import { errorResponse } from '@/lib/server/http-errors';
import { previewChange } from '@/lib/server/preview-change';
import { assertSameOrigin, readJson } from '@/lib/server/request-guard';
import { getSession } from '@/lib/server/session';
import { getStore } from '@/lib/server/store';

const body = z.object({ change: meshChangeSchema, resourceVersion: z.string().min(1) });

/** A change as it would be written (dry run): result, routing summary, YAML diff, warnings. */
export async function POST(request: Request): Promise<Response> {
  try {
    assertSameOrigin(request);
    const handle = await getStore();
    const session = await getSession(handle, request);
    const parsed = body.safeParse(await readJson(request));
    if (!parsed.success) throw new InvalidError(z.prettifyError(parsed.error));
    return Response.json(await previewChange(handle, session, parsed.data));
  } catch (error) {
    return errorResponse(error);
  }
}
