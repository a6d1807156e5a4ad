// Tolerant readers for hand-written input: a snapshot may hold objects that were applied with
// validation off or loaded from files, so no field is trusted to have its declared type.

/** The array, or an empty one when the value is missing or not an array. */
export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The object, or an empty one when the value is missing, an array or a scalar. */
export function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** A non-empty string, or undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Any value of hand-written input as text, for a message or a key: a string or number as it
 * is, anything else as JSON. String() throws on an object whose toString is not a function
 * (`{"toString": false}`), or an array holding one.
 */
export function shown(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  return JSON.stringify(value) ?? typeof value;
}

/** A finite number, or undefined. */
export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The non-empty strings of a list, skipping anything else. */
export function strings(value: unknown): string[] {
  return list(value).filter((item): item is string => typeof item === 'string' && item !== '');
}

/** String-valued entries of a label map, skipping anything else. */
export function labels(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, entry] of Object.entries(record(value))) {
    if (typeof entry === 'string') result[key] = entry;
    else if (typeof entry === 'number' || typeof entry === 'boolean') result[key] = String(entry);
  }
  return result;
}
