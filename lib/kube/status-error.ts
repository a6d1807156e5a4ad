import 'server-only';
import {
  ConflictError,
  type FieldProblem,
  ForbiddenError,
  InvalidError,
  MeshError,
  NotFoundError,
  TooLargeError,
  UnauthorizedError,
  UnavailableError,
} from '../mesh/errors';

interface KubeStatus {
  kind?: string;
  message?: string;
  reason?: string;
  details?: { causes?: Array<{ field?: string; message?: string; reason?: string }> };
}

/** Maps an API server answer (a `Status` object) to Weir's typed errors, keeping its words. */
export function statusToError(status: number, body: unknown, text: string): MeshError {
  const kubeStatus = (body && typeof body === 'object' ? body : {}) as KubeStatus;
  const message = kubeStatus.message || text.slice(0, 500) || `the API server answered ${status}`;
  const details = { status, reason: kubeStatus.reason, causes: kubeStatus.details?.causes };
  switch (status) {
    case 400:
    case 422:
      return new InvalidError(message, details, fieldProblems(kubeStatus));
    case 401:
      return new UnauthorizedError(message, details);
    case 403:
      return new ForbiddenError(message, details);
    case 404:
      return new NotFoundError(message, details);
    case 409:
      return new ConflictError(message, details);
    // Too large for the API server (or etcd): the object, not the cluster, is at fault.
    case 413:
      return new TooLargeError(message, details);
    default:
      return new UnavailableError(message, details);
  }
}

// A cause names its field as the object does (`spec.http[0].timeout`); its message is kept
// verbatim. Causes without a field stay in the error's message only.
function fieldProblems(status: KubeStatus): FieldProblem[] {
  return (status.details?.causes ?? []).flatMap((cause) =>
    cause.field && cause.message ? [{ path: cause.field, message: cause.message }] : [],
  );
}

/** Network failures (refused, reset, timed out) become Unavailable; typed errors pass through. */
export function toMeshError(error: unknown): MeshError {
  if (error instanceof MeshError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new UnavailableError(`the Kubernetes API is unreachable: ${message}`);
}
