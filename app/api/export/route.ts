import { changeRequestSchema } from '@/lib/mesh/changes';
import { NotFoundError } from '@/lib/mesh/errors';
import { objectKey } from '@/lib/mesh/object-key';
import { viewerOf } from '@/lib/server/auth/viewer';
import { exportPendingChange } from '@/lib/server/export-pending-change';
import { errorResponse } from '@/lib/server/http-errors';
import { assertSameOrigin, readBody } from '@/lib/server/request-guard';

/** A change as manifest, unified diff and kubectl patch, without writing anything. */
export async function POST(request: Request): Promise<Response> {
  try {
    assertSameOrigin(request);
    const viewer = await viewerOf(request);
    const { change, resourceVersion } = await readBody(request, changeRequestSchema);
    // Only an object the person may list: the export shows the whole object.
    const { target } = change;
    if (!(await viewer.visibility.sees(objectKey(target)))) {
      throw new NotFoundError(`${target.kind} ${target.namespace}/${target.name} does not exist`);
    }
    return Response.json(exportPendingChange(viewer.handle, change, resourceVersion));
  } catch (error) {
    return errorResponse(error);
  }
}
