import type { ObjectKey } from '../mesh/types';

/**
 * The resourceVersions this browser's own writes produced, `before → after`, per object.
 * A change made on screen against version 1 while our own write 1 → 2 was in flight differs
 * from version 2 only by our own write, so it is sent against 2 instead of conflicting with
 * ourselves. A version someone else wrote is never skipped over.
 */
export class OwnWrites {
  readonly #next = new Map<ObjectKey, Map<string, string>>();

  record(key: ObjectKey, before: string, after: string): void {
    let versions = this.#next.get(key);
    if (!versions) {
      versions = new Map();
      this.#next.set(key, versions);
    }
    if (before !== after) versions.set(before, after);
  }

  /** The newest version reached from `version` through our own writes alone. */
  latest(key: ObjectKey, version: string): string {
    const versions = this.#next.get(key);
    let current = version;
    for (let steps = 0; versions?.has(current) && steps <= versions.size; steps++) {
      current = versions.get(current) ?? current;
    }
    return current;
  }
}
