/** Stable codes for every error Weir reports; lib/server maps them to HTTP once. */
export type ErrorCode = 'Conflict' | 'Forbidden' | 'Invalid' | 'NotFound' | 'Unavailable' | 'Unauthorized';

/** An error with a stable code and, where useful, details a person can act on. */
export class MeshError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = `${code}Error`;
    this.code = code;
    this.details = details;
  }
}

export class ConflictError extends MeshError {
  constructor(message: string, details?: unknown) {
    super('Conflict', message, details);
  }
}

export class ForbiddenError extends MeshError {
  constructor(message: string, details?: unknown) {
    super('Forbidden', message, details);
  }
}

export class InvalidError extends MeshError {
  constructor(message: string, details?: unknown) {
    super('Invalid', message, details);
  }
}

export class NotFoundError extends MeshError {
  constructor(message: string, details?: unknown) {
    super('NotFound', message, details);
  }
}

export class UnavailableError extends MeshError {
  constructor(message: string, details?: unknown) {
    super('Unavailable', message, details);
  }
}

export class UnauthorizedError extends MeshError {
  constructor(message: string, details?: unknown) {
    super('Unauthorized', message, details);
  }
}

export function isMeshError(error: unknown): error is MeshError {
  return error instanceof MeshError;
}
