import { z } from 'zod';
import { changeRequestSchema } from '@/lib/mesh/change-schema';
import { errorResponse } from '@/lib/server/http-errors';
import { assertSameOrigin, readBody } from '@/lib/server/request-guard';
import { getSession } from '@/lib/server/session';
import { getStore } from '@/lib/server/store';
import { submitChange } from '@/lib/server/submit-change';

const body = changeRequestSchema.extend({
  dryRun: z.boolean().optional(),
  exact: z.boolean().optional(),
  note: z.string().max(1000).optional(),
});

/** Writes one change; the server checks CSRF, who, RBAC, controllers and validity itself. */
export async function POST(request: Request): Promise<Response> {
  try {
    assertSameOrigin(request);
    const handle = await getStore();
    const session = await getSession(handle, request);
    return Response.json(await submitChange(handle, session, await readBody(request, body)));
  } catch (error) {
    return errorResponse(error);
  }
}
