import type { ObjectKey } from '../mesh/types';

/**
 * The resourceVersions this browser's own writes produced, `before → after`, per object.
 * A change made on screen against version 1 while our own write 1 → 2 was in flight differs
 * from version 2 only by our own write, so it is sent against 2 instead of conflicting with
 * ourselves. A version someone else wrote is never skipped over.
 */
export class OwnWrites {
  readonly #next = new Map<ObjectKey, Map<string, { after: string; order: number }>>();
  #order = 0;

  record(key: ObjectKey, before: string, after: string): void {
    let versions = this.#next.get(key);
    if (!versions) {
      versions = new Map();
      this.#next.set(key, versions);
    }
    if (before !== after) versions.set(before, { after, order: this.#order++ });
  }

  /**
   * The newest version reached from `version` through our own writes alone, each step a
   * write made after the one before. A version can come back (in a folder of manifests it is
   * a hash of the content: write and undo give 1 → 2 → 1); going forward in time only, the
   * chain ends at the version our last write left, and never loops.
   */
  latest(key: ObjectKey, version: string): string {
    const versions = this.#next.get(key);
    let current = version;
    let order = -1;
    for (let step = versions?.get(current); step && step.order > order; step = versions?.get(current)) {
      current = step.after;
      order = step.order;
    }
    return current;
  }
}
