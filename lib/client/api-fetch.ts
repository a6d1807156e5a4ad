import type { ErrorAnswer } from '../api/errors';
import { ApiError } from './api-error';

/**
 * Calls Weir's API and returns the parsed JSON body; any failure becomes an ApiError.
 * Writes carry `x-weir-csrf`, which a cross-site form cannot set.
 */
export async function apiFetch<T>(
  path: string,
  init: { method?: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const method = init.method ?? 'GET';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      signal: init.signal,
      cache: 'no-store',
      headers:
        init.body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json', 'x-weir-csrf': '1' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('Unavailable', 0, `Weir's server could not be reached (${String(error)}).`);
  }
  const body = (await response.json().catch(() => undefined)) as unknown;
  if (!response.ok) {
    const error = (body as Partial<ErrorAnswer> | undefined)?.error;
    throw new ApiError(
      error?.code ?? 'Unavailable',
      response.status,
      error?.message ?? `${method} ${path} answered ${response.status} ${response.statusText}`,
      error?.details,
      Array.isArray(error?.fields) ? error.fields : [],
    );
  }
  return body as T;
}
