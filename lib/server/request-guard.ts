import 'server-only';
import { z } from 'zod';
import { ForbiddenError, InvalidError } from '../mesh/errors';

/**
 * State-changing requests must carry `x-weir-csrf` (a header a cross-site form or image
 * cannot send without a CORS preflight, which Weir never grants) and, when the browser
 * names an Origin, come from Weir's own.
 */
export function assertSameOrigin(request: Request): void {
  if (request.headers.get('x-weir-csrf') !== '1') {
    throw new ForbiddenError(
      'missing the x-weir-csrf header: request refused as possible cross-site forgery',
    );
  }
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (origin && host && new URL(origin).host !== host) {
    throw new ForbiddenError(`cross-origin request from ${origin} refused`);
  }
}

/** The JSON body of a request, or a clear 422 when it is not JSON. */
async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new InvalidError('the request body is not valid JSON');
  }
}

/** The JSON body read and checked against `schema`; a clear 422 naming each bad field otherwise. */
export async function readBody<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await readJson(request));
  if (!parsed.success) throw new InvalidError(z.prettifyError(parsed.error));
  return parsed.data;
}
