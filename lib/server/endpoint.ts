import 'server-only';
import type { z } from 'zod';
import { type Viewer, viewerOf } from './auth/viewer';
import { errorResponse } from './http-errors';
import { assertSameOrigin, readBody } from './request-guard';
import { timed, withServerTiming } from './server-timing';

/** A route handler as Next.js calls it. */
export type Handler = (request: Request) => Promise<Response>;

const NO_STORE = { 'cache-control': 'no-store' };

/**
 * A write's answer is a few KB a person waits on (a canary step's slider): sent as it is.
 * Next's compression gzips every answer through zlib's thread pool, a round trip off the
 * event loop for each chunk and the end, with whatever else is queued run in between: 4-9 ms
 * of a POST /api/changes at 10,000 VirtualServices on a loaded machine. The compression
 * middleware leaves alone what says no-transform.
 */
const WRITE_ANSWER = { 'cache-control': 'no-store, no-transform' };

// A use case answers data (sent as JSON, never cached: it is one person's view) or, for a
// stream or a download, a Response of its own.
async function answer(run: () => Promise<unknown>, headers: HeadersInit = NO_STORE): Promise<Response> {
  try {
    const result = await run();
    return result instanceof Response ? result : Response.json(result, { headers });
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * The shape of every read under app/api: the person identified and scoped to what they may
 * list (401 when they must sign in), the query handed to one lib/server call, errors mapped
 * once. The type parameter is the answer's shape from lib/api.
 */
export function readEndpoint<T>(
  run: (viewer: Viewer, query: URLSearchParams, request: Request) => Promise<T | Response>,
): Handler {
  return (request) =>
    answer(async () => run(await viewerOf(request), new URL(request.url).searchParams, request));
}

/**
 * The shape of every write (POST) under app/api: cross-site requests refused, the person
 * identified (401 before the body is even read), the body read and checked against `schema`
 * (422 naming the field), then one lib/server call; errors mapped once.
 */
export function writeEndpoint<B, T>(
  schema: z.ZodType<B>,
  run: (body: B, viewer: Viewer, request: Request) => Promise<T | Response>,
): Handler {
  return async (request) => {
    // Only a person who sees the whole mesh is told the steps: the checks' time grows with
    // namespaces the change reaches, which a restricted person may not see (total alone is
    // what any client can time).
    let steps = false;
    const timing = withServerTiming(() =>
      answer(async () => {
        assertSameOrigin(request);
        const viewer = await timed('session', () => viewerOf(request));
        steps = !viewer.visibility.restricted;
        const body = await timed('body', () => readBody(request, schema));
        return run(body, viewer, request);
      }, WRITE_ANSWER),
    );
    const response = await timing.done;
    // A stream's or a download's headers may be fixed: those go without.
    try {
      response.headers.set('server-timing', timing.header(steps));
    } catch {}
    return response;
  };
}

/**
 * A write for someone not signed in yet, or whose session may be gone (sign-in, sign-out):
 * cross-site requests refused, then `run`, which reads what it needs; errors mapped once.
 */
export function signInEndpoint(run: (request: Request) => Promise<Response>): Handler {
  return (request) =>
    answer(async () => {
      assertSameOrigin(request);
      return run(request);
    });
}
