import 'server-only';
import type { ErrorAnswer } from '../api/errors';
import { type ErrorCode, isMeshError } from '../mesh/errors';

const STATUS: Record<ErrorCode, number> = {
  Invalid: 422,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  Conflict: 409,
  TooLarge: 413,
  Unavailable: 503,
  // Not a failure, not a success: the gateway waited and got no answer.
  Unknown: 504,
};

/**
 * The one place a Weir error becomes an HTTP answer: `{error: {code, message, fields?, details}}`,
 * `fields` being the problems with single fields, `[{path, message}]`.
 */
export function errorResponse(error: unknown): Response {
  if (isMeshError(error)) {
    const fields = error.fields.length > 0 ? error.fields : undefined;
    return Response.json(
      {
        error: { code: error.code, message: error.message, fields, details: error.details },
      } satisfies ErrorAnswer,
      { status: STATUS[error.code] },
    );
  }
  console.error(error);
  const message = error instanceof Error ? error.message : String(error);
  return Response.json({ error: { code: 'Internal', message } } satisfies ErrorAnswer, { status: 500 });
}
