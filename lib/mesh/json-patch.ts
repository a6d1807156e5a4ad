/** One RFC 6902 operation. */
export type JsonPatchOp =
  | { op: 'test'; path: string; value: unknown }
  | { op: 'replace'; path: string; value: unknown }
  | { op: 'add'; path: string; value: unknown }
  | { op: 'remove'; path: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const pointer = (segments: Array<string | number>) =>
  segments.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

/**
 * The smallest JSON Patch (leaf by leaf) that turns `before` into `after`. Arrays of equal
 * length are patched element by element; arrays whose length changed are replaced whole,
 * since index-shifting ops are hard for a reviewer to read.
 */
export function jsonPatch(before: unknown, after: unknown, at: Array<string | number> = []): JsonPatchOp[] {
  if (isRecord(before) && isRecord(after)) {
    const ops: JsonPatchOp[] = [];
    for (const key of Object.keys(before)) {
      if (!Object.hasOwn(after, key)) ops.push({ op: 'remove', path: pointer([...at, key]) });
    }
    for (const [key, value] of Object.entries(after)) {
      if (!Object.hasOwn(before, key)) ops.push({ op: 'add', path: pointer([...at, key]), value });
      else ops.push(...jsonPatch(before[key], value, [...at, key]));
    }
    return ops;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, i) => jsonPatch(item, after[i], [...at, i]));
  }
  return JSON.stringify(before) === JSON.stringify(after)
    ? []
    : [{ op: 'replace', path: pointer(at), value: after }];
}
