import { z } from 'zod';
import { meshChangeSchema } from '@/lib/mesh/change-schema';
import { InvalidError } from '@/lib/mesh/errors';
import { exportPendingChange } from '@/lib/server/export-pending-change';
import { errorResponse } from '@/lib/server/http-errors';
import { readJson } from '@/lib/server/request-guard';
import { getStore } from '@/lib/server/store';

const body = z.object({ change: meshChangeSchema, resourceVersion: z.string().min(1) });

/** A change as manifest, unified diff and kubectl patch, without writing anything. */
export async function POST(request: Request): Promise<Response> {
  try {
    const parsed = body.safeParse(await readJson(request));
    if (!parsed.success) throw new InvalidError(z.prettifyError(parsed.error));
    return Response.json(
      exportPendingChange(await getStore(), parsed.data.change, parsed.data.resourceVersion),
    );
  } catch (error) {
    return errorResponse(error);
  }
}
