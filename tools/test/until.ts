type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/**
 * Waits for `check` to give a truthy value and returns it.
 * Throws `timed out after … waiting for <what>` when it never does, so a test that waited in
 * vain says for what, instead of going on as if it had arrived.
 */
export async function until<T>(
  what: string,
  check: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 50 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as Truthy<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
