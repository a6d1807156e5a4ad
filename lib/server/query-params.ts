import 'server-only';
import { InvalidError } from '../mesh/errors';

/** An ISO time from a query parameter (absent or empty: undefined), or a 422 naming the parameter. */
export function readTime(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  if (!value) return undefined;
  if (Number.isNaN(Date.parse(value))) throw new InvalidError(`${name} is not a date and time: ${value}`);
  return new Date(value).toISOString();
}

/** The values of a repeated parameter (`?namespace=a&namespace=b`), empty ones left out. */
export function readList(params: URLSearchParams, name: string): string[] {
  return params.getAll(name).filter(Boolean);
}
