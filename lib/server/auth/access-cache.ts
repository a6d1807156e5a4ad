import 'server-only';

const DEFAULT_TTL_MS = 30_000;
const MAX_ENTRIES = 20_000;

interface Entry {
  value: Promise<boolean>;
  expires: number;
}

/**
 * Access-review answers, per person and question, kept ~30 s: RBAC changes take effect within
 * that time, and a screen's dozens of questions cost one round of reviews. Concurrent asks of
 * the same question share one review; a review that failed is not kept.
 */
export class AccessCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = DEFAULT_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached answer for `key`, or the answer `review` gives (then kept for the TTL). */
  get(key: string, review: () => Promise<boolean>): Promise<boolean> {
    const now = this.now();
    const held = this.entries.get(key);
    if (held && held.expires > now) return held.value;
    if (this.entries.size >= MAX_ENTRIES) this.prune(now);
    const value = review();
    this.entries.set(key, { value, expires: now + this.ttlMs });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  /** Forgets every answer for one person (after sign-out). */
  forget(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  private prune(now: number): void {
    for (const [key, entry] of this.entries) if (entry.expires <= now) this.entries.delete(key);
    // Still full of live answers: drop the oldest half rather than grow without bound.
    if (this.entries.size >= MAX_ENTRIES) {
      let drop = this.entries.size / 2;
      for (const key of this.entries.keys()) {
        if (drop-- <= 0) break;
        this.entries.delete(key);
      }
    }
  }
}

const holder = globalThis as { __weirAccessCache?: AccessCache };

/** The process's one cache of access reviews. */
export function accessCache(): AccessCache {
  holder.__weirAccessCache ??= new AccessCache();
  return holder.__weirAccessCache;
}
