import { z } from 'zod';
import { meshChangeSchema } from '@/lib/mesh/change-schema';
import { InvalidError } from '@/lib/mesh/errors';
import { errorResponse } from '@/lib/server/http-errors';
import { assertSameOrigin, readJson } from '@/lib/server/request-guard';
import { getSession } from '@/lib/server/session';
import { getStore } from '@/lib/server/store';
import { submitChange } from '@/lib/server/submit-change';

const body = z.object({
  change: meshChangeSchema,
  resourceVersion: z.string().min(1),
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
    const parsed = body.safeParse(await readJson(request));
    if (!parsed.success) throw new InvalidError(z.prettifyError(parsed.error));
    return Response.json(await submitChange(handle, session, parsed.data));
  } catch (error) {
    return errorResponse(error);
  }
}
