import { z } from 'zod';
import { changeRequestSchema, lifecycleRequestSchema } from '@/lib/mesh/changes';
import { submitLifecycleChange } from '@/lib/server/create-delete';
import { errorResponse } from '@/lib/server/http-errors';
import { assertSameOrigin, readBody } from '@/lib/server/request-guard';
import { getSession } from '@/lib/server/session';
import { getStore } from '@/lib/server/store';
import { submitChange } from '@/lib/server/submit-change';

const extra = {
  dryRun: z.boolean().optional(),
  exact: z.boolean().optional(),
  note: z.string().max(1000).optional(),
};
const body = z.union([changeRequestSchema.extend(extra), lifecycleRequestSchema.extend(extra)]);

/** Writes one change; the server checks CSRF, who, RBAC, controllers and validity itself. */
export async function POST(request: Request): Promise<Response> {
  try {
    assertSameOrigin(request);
    const handle = await getStore();
    const session = await getSession(handle, request);
    const input = await readBody(request, body);
    // CreateObject and DeleteObject make or end an object: their own path, the same gates.
    if (input.change.kind === 'CreateObject' || input.change.kind === 'DeleteObject')
      return Response.json(await submitLifecycleChange(handle, session, { ...input, change: input.change }));
    return Response.json(
      await submitChange(handle, session, {
        ...input,
        change: input.change,
        resourceVersion: input.resourceVersion ?? '',
      }),
    );
  } catch (error) {
    return errorResponse(error);
  }
}
