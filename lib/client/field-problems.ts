import type { ReviewChange } from './preview';

type Key = string | number;

/** A field's path as the API server writes it (`spec.http[0].timeout`, `labels[app]`), in parts. */
export function pathParts(path: string): string[] {
  return [...path.matchAll(/\[([^\]]*)\]|([^.[\]]+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

/** The parts of `path` after `base`, or undefined when the path is not under it. */
export function under(path: string, base: readonly Key[]): string[] | undefined {
  const parts = pathParts(path);
  const prefix = base.map(String);
  return prefix.every((part, i) => parts[i] === part) ? parts.slice(prefix.length) : undefined;
}

/** One identity for a path however it is written: `spec.http[0]` and `['spec', 'http', 0]` agree. */
export function pathId(path: string | readonly Key[]): string {
  return (typeof path === 'string' ? pathParts(path) : path.map(String)).join('\u0000');
}

/**
 * Where a change's draft sits in the object and the draft as sent: a route form's paths
 * start at `spec.http[i]` (a Gateway API rule's at `spec.rules[i]`), an object form's (and the YAML tab's) at `spec`, a new object's
 * at its top. Undefined for changes nothing drafts (moves, removals, deletes).
 */
export function draftOf(change: ReviewChange): { base: Key[]; sent: unknown } | undefined {
  switch (change.kind) {
    case 'SetRoute':
      return { base: ['spec', change.routeKind, change.routeIndex], sent: change.route };
    case 'SetRule':
      return { base: ['spec', 'rules', change.routeIndex], sent: change.rule };
    case 'AddRoute':
      return { base: ['spec', change.routeKind, change.index], sent: change.route };
    case 'SetSpec':
      return { base: ['spec'], sent: change.spec };
    case 'CreateObject':
      return { base: [], sent: change.object };
    default:
      return undefined;
  }
}
