import { RE2JS } from 're2js';

// Envoy evaluates every regex of a route with RE2 (a full match, linear in the input). re2js is
// a port of Go's regexp, RE2's own semantics: a pattern RE2 refuses is refused here too, and no
// input can make a match take more than linear time, whatever the configuration holds.

/** A compiled pattern, or why RE2 refuses it. */
export type CompiledRegex = { ok: true; regex: RE2JS } | { ok: false; error: string };

// Patterns repeat across requests and routes: compile each once. Bounded, since the patterns
// come from whatever configuration is traced.
const cache = new Map<string, CompiledRegex>();
const CACHE_LIMIT = 5_000;

/** The pattern compiled by RE2's rules (cached). */
export function compileRe2(pattern: string): CompiledRegex {
  const known = cache.get(pattern);
  if (known) return known;
  let compiled: CompiledRegex;
  try {
    compiled = { ok: true, regex: RE2JS.compile(pattern) };
  } catch (error) {
    compiled = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}

/** Whether the whole of `input` matches `pattern` (Envoy's safe_regex is a full match). */
export function fullMatch(regex: RE2JS, input: string): boolean {
  return regex.matches(input);
}
