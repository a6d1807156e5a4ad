type Key = string | number;

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);

/**
 * A copy of `root` with the value at `path` set; an empty value (undefined, '', [], {})
 * removes the key, and a mapping left empty by that is removed too. Pure; everything off
 * the path is shared, so fields a form does not show stay exactly as they were.
 */
export function setPath<T>(root: T, path: readonly Key[], value: unknown): T {
  if (path.length === 0) return value as T;
  const [key, ...rest] = path as [Key, ...Key[]];
  const container: Record<Key, unknown> | unknown[] = Array.isArray(root)
    ? [...root]
    : { ...((root ?? {}) as Record<Key, unknown>) };
  const current = (container as Record<Key, unknown>)[key];
  const next = setPath(current, rest, value);
  if (Array.isArray(container)) {
    container[key as number] = next;
  } else if (isEmpty(next) && !(rest.length === 0 && Array.isArray(value) && value.length > 0)) {
    delete container[key];
  } else {
    container[key] = next;
  }
  return container as T;
}

/** The value at `path`, or undefined. */
export function getPath(root: unknown, path: readonly Key[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<Key, unknown>)[key];
  }
  return value;
}

/** `a=1, b=2` ⇄ `{a: '1', b: '2'}`: how labels and selectors are typed in one box. */
export function parseLabels(text: string): Record<string, string> | undefined {
  const entries = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.indexOf('=');
      return at < 0 ? [part, ''] : [part.slice(0, at).trim(), part.slice(at + 1).trim()];
    });
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

export function labelsText(labels: Record<string, string> | undefined): string {
  return Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

/** `a, b` ⇄ `['a', 'b']`. */
export function parseList(text: string): string[] | undefined {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

/** A typed number, or undefined for an empty box; NaN stays NaN so the check can name it. */
export function parseNumber(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}
