import { isApiError } from './api-error';

const MAX_RETRIES = 3;

/**
 * The one retry rule: a 4xx answer is final (retrying cannot change who you are or what you
 * sent); a network failure or 5xx is retried a few times.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < MAX_RETRIES;
}
