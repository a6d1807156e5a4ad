/** Stable codes for every error Weir reports; lib/server maps them to HTTP once. */
export type ErrorCode =
  | 'Conflict'
  | 'Forbidden'
  | 'Invalid'
  | 'NotFound'
  | 'TooLarge'
  | 'Unavailable'
  | 'Unauthorized'
  | 'Unknown';

/** A problem with one field, by its path in the object (`spec.http[0].timeout`). */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * An error with a stable code and, where useful, details a person can act on; `fields` names
 * the fields at fault (the API server's causes, Weir's own checks), so an editor can say it
 * next to each.
 */
export class MeshError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  readonly fields: FieldProblem[];

  constructor(code: ErrorCode, message: string, details?: unknown, fields: FieldProblem[] = []) {
    super(message);
    this.name = `${code}Error`;
    this.code = code;
    this.details = details;
    this.fields = fields;
  }
}

export class ConflictError extends MeshError {
  constructor(message: string, details?: unknown, fields?: FieldProblem[]) {
    super('Conflict', message, details, fields);
  }
}

export class ForbiddenError extends MeshError {
  constructor(message: string, details?: unknown, fields?: FieldProblem[]) {
    super('Forbidden', message, details, fields);
  }
}

export class InvalidError extends MeshError {
  constructor(message: string, details?: unknown, fields?: FieldProblem[]) {
    super('Invalid', message, details, fields);
  }
}

export class NotFoundError extends MeshError {
  constructor(message: string, details?: unknown, fields?: FieldProblem[]) {
    super('NotFound', message, details, fields);
  }
}

/** A request body (or an object) larger than Weir or the API server accepts. */
export class TooLargeError extends MeshError {
  constructor(message: string, details?: unknown, fields?: FieldProblem[]) {
    super('TooLarge', message, details, fields);
  }
}

/**
 * A write whose outcome Weir cannot know: it was sent, and the API server did not answer in
 * time. It may have been applied or not; the person must look at the object, never be told
 * it succeeded or failed.
 */
export class OutcomeUnknownError extends MeshError {
  constructor(message: string, details?: unknown, fields?: FieldProblem[]) {
    super('Unknown', message, details, fields);
  }
}

export class UnavailableError extends MeshError {
  constructor(message: string, details?: unknown, fields?: FieldProblem[]) {
    super('Unavailable', message, details, fields);
  }
}

export class UnauthorizedError extends MeshError {
  constructor(message: string, details?: unknown, fields?: FieldProblem[]) {
    super('Unauthorized', message, details, fields);
  }
}

export function isMeshError(error: unknown): error is MeshError {
  return error instanceof MeshError;
}
