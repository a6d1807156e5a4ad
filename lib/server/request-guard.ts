import 'server-only';
import type { z } from 'zod';
import { ForbiddenError, InvalidError, TooLargeError } from '../mesh/errors';
import { issueProblems } from '../mesh/parse-issue';

/**
 * The largest request body Weir reads (1 MiB). A whole object as a manifest is far below it,
 * and the API server keeps objects under about 1.5 MiB anyway; larger is refused with 413
 * before anything is parsed, on both backends alike.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * How deeply a body's JSON may nest. An Istio object is about 15 levels deep at most; a
 * thousands-deep body would overflow the stack of every recursive walk after the parser.
 */
export const MAX_BODY_DEPTH = 64;

/**
 * State-changing requests must carry `x-weir-csrf` (a header a cross-site form or image
 * cannot send without a CORS preflight, which Weir never grants) and, when the browser
 * names an Origin, come from Weir's own. An opaque origin (`null`: a sandboxed frame, a
 * file, a redirect across sites) or one that is not an address is never Weir's own.
 */
export function assertSameOrigin(request: Request): void {
  if (request.headers.get('x-weir-csrf') !== '1') {
    throw new ForbiddenError(
      'missing the x-weir-csrf header: request refused as possible cross-site forgery',
    );
  }
  const origin = request.headers.get('origin');
  if (origin === null) return;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (!URL.canParse(origin) || new URL(origin).host !== host) {
    throw new ForbiddenError(`cross-origin request from ${JSON.stringify(origin)} refused`);
  }
}

/**
 * The body's text, read up to MAX_BODY_BYTES: a longer one (by its Content-Length or as it
 * streams in) is refused with TooLargeError, so nothing of it is parsed or written.
 */
async function readText(request: Request): Promise<string> {
  const tooLarge = () =>
    new TooLargeError(
      `the request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB, the most Weir accepts`,
      undefined,
      [{ path: 'body', message: `at most ${MAX_BODY_BYTES} bytes` }],
    );
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}

/** How deeply `text` nests arrays and objects, counted without parsing (strings skipped). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) deepest = Math.max(deepest, ++depth);
    else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return deepest;
}

/** The JSON body of a request: at most MAX_BODY_BYTES (413) and MAX_BODY_DEPTH levels (422). */
async function readJson(request: Request): Promise<unknown> {
  const text = await readText(request);
  if (jsonDepth(text) > MAX_BODY_DEPTH) {
    throw new InvalidError(`the request body nests deeper than ${MAX_BODY_DEPTH} levels`, undefined, [
      { path: 'body', message: `at most ${MAX_BODY_DEPTH} levels of lists and objects` },
    ]);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidError('the request body is not valid JSON', undefined, [
      { path: 'body', message: 'not valid JSON' },
    ]);
  }
}

/** The JSON body read and checked against `schema`; a clear 422 naming each bad field otherwise. */
export async function readBody<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await readJson(request), { reportInput: true });
  if (parsed.success) return parsed.data;
  const fields = issueProblems(parsed.error.issues).map((field) =>
    field.path === '(object)' ? { ...field, path: 'body' } : field,
  );
  const message = fields.map((field) => `${field.path}: ${field.message}`).join('; ');
  throw new InvalidError(message, undefined, fields);
}
