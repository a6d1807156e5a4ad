import type { ErrorCode, FieldProblem } from '../mesh/errors';

/**
 * Every refused request: the one shape lib/server/http-errors.ts answers and lib/client's
 * ApiError reads. `Internal` is a bug on the server (500), never a refusal.
 */
export interface ErrorAnswer {
  error: {
    code: ErrorCode | 'Internal';
    message: string;
    /** The fields at fault, by their path in the object. */
    fields?: FieldProblem[];
    details?: unknown;
  };
}
