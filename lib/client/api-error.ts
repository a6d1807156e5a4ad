import type { FieldProblem } from '../mesh/errors';

/** An error answered by Weir's API (or the network failing to reach it), with a stable code. */
export class ApiError extends Error {
  readonly code: string;
  /** HTTP status; 0 when the request never got an answer. */
  readonly status: number;
  readonly details?: unknown;
  /** The fields at fault, by their path in the object, in the words of whoever refused them. */
  readonly fields: FieldProblem[];

  constructor(code: string, status: number, message: string, details?: unknown, fields: FieldProblem[] = []) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
    this.fields = fields;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
