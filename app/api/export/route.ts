import { z } from 'zod';
import { meshChangeSchema } from '@/lib/mesh/change-schema';
import { InvalidError, NotFoundError } from '@/lib/mesh/errors';
import { objectKey } from '@/lib/mesh/object-key';
import { viewerOf } from '@/lib/server/auth/viewer';
import { exportPendingChange } from '@/lib/server/export-pending-change';
import { errorResponse } from '@/lib/server/http-errors';
import { assertSameOrigin, readJson } from '@/lib/server/request-guard';

const body = z.object({ change: meshChangeSchema, resourceVersion: z.string().min(1) });

/** A change as manifest, unified diff and kubectl patch, without writing anything. */
export async function POST(request: Request): Promise<Response> {
  try {
    assertSameOrigin(request);
    const viewer = await viewerOf(request);
    const parsed = body.safeParse(await readJson(request));
    if (!parsed.success) throw new InvalidError(z.prettifyError(parsed.error));
    // Only an object the person may list: the export shows the whole object.
    const { target } = parsed.data.change;
    if (!(await viewer.visibility.sees(objectKey(target)))) {
      throw new NotFoundError(`${target.kind} ${target.namespace}/${target.name} does not exist`);
    }
    return Response.json(exportPendingChange(viewer.handle, parsed.data.change, parsed.data.resourceVersion));
  } catch (error) {
    return errorResponse(error);
  }
}
