import 'server-only';
import { deepEqual } from '../../mesh/deep-equal';

export { deepEqual };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** One step of turning list `a` into list `b`. */
export type AlignStep =
  | { op: 'keep'; from: number; to: number }
  | { op: 'change'; from: number; to: number }
  | { op: 'remove'; from: number }
  | { op: 'add'; to: number };

/**
 * Aligns two lists on their equal items (longest common subsequence), so that removing one
 * route from the middle is one removal, not a change to every route after it. Between two
 * kept items, removed and added items are paired up as changes.
 */
export function alignArrays(a: readonly unknown[], b: readonly unknown[]): AlignStep[] {
  const lengths: number[][] = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = lengths[i] as number[];
      const next = lengths[i + 1] as number[];
      row[j] = deepEqual(a[i], b[j])
        ? (next[j + 1] as number) + 1
        : Math.max(next[j] as number, row[j + 1] as number);
    }
  }
  const steps: AlignStep[] = [];
  let removed: number[] = [];
  let added: number[] = [];
  const flush = () => {
    const paired = Math.min(removed.length, added.length);
    for (let k = 0; k < paired; k++)
      steps.push({ op: 'change', from: removed[k] as number, to: added[k] as number });
    for (const from of removed.slice(paired)) steps.push({ op: 'remove', from });
    for (const to of added.slice(paired)) steps.push({ op: 'add', to });
    removed = [];
    added = [];
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const here = lengths[i]?.[j] ?? 0;
    if (i < a.length && j < b.length && deepEqual(a[i], b[j])) {
      flush();
      steps.push({ op: 'keep', from: i++, to: j++ });
    } else if (j >= b.length || (i < a.length && (lengths[i + 1]?.[j] ?? 0) === here)) {
      removed.push(i++);
    } else {
      added.push(j++);
    }
  }
  flush();
  return steps;
}
