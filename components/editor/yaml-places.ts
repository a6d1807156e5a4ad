import { isNode, parseDocument } from 'yaml';

type Key = string | number;

/**
 * Where the value at `path` is written in a YAML text, as character offsets; the nearest
 * written parent when the field itself is absent (a missing required field). Undefined
 * when the text does not parse.
 */
export function placeOf(text: string, path: readonly Key[]): { from: number; to: number } | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return undefined;
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const [from, to] = node.range;
      return { from, to: Math.max(to, from + 1) };
    }
  }
  return undefined;
}
