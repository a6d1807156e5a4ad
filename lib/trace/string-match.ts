import { compileRe2, fullMatch } from './regex';

/** A StringMatch as written (loosely typed: the snapshot may hold anything). */
export interface WrittenStringMatch {
  exact?: unknown;
  prefix?: unknown;
  regex?: unknown;
}

/** The outcome of one condition: whether it holds and, either way, why in words. */
export interface ConditionOutcome {
  ok: boolean;
  /** `header x-beta absent`, `uri /shop/a is not exact /shop`. */
  reason: string;
  /** Set when the configuration itself is at fault (a regex RE2 refuses). */
  problem?: string;
}

/**
 * How Istio reads a StringMatch: `exact`, `prefix` or `regex` (RE2, whole value); an empty
 * match, or the regex `*`, only asks that the value be present (canBeConvertedToPresentMatch
 * in istio's route translation).
 */
export function isPresenceMatch(match: WrittenStringMatch | undefined): boolean {
  if (!match || typeof match !== 'object') return true;
  const kinds = ['exact', 'prefix', 'regex'].filter(
    (k) => typeof match[k as keyof WrittenStringMatch] === 'string',
  );
  return kinds.length === 0 || (kinds.length === 1 && match.regex === '*');
}

/** Compares a present value with exact/prefix/regex; `lower` compares both sides in lower case. */
export function compareValue(
  subject: string,
  value: string,
  match: WrittenStringMatch,
  lower = false,
): ConditionOutcome {
  const shown = JSON.stringify(value);
  const fold = (s: string) => (lower ? s.toLowerCase() : s);
  if (typeof match.exact === 'string') {
    const ok = fold(value) === fold(match.exact);
    return { ok, reason: `${subject} ${shown} ${ok ? 'is' : 'is not'} exact ${JSON.stringify(match.exact)}` };
  }
  if (typeof match.prefix === 'string') {
    const ok = fold(value).startsWith(fold(match.prefix));
    return {
      ok,
      reason: `${subject} ${shown} ${ok ? 'starts' : 'does not start'} with ${JSON.stringify(match.prefix)}`,
    };
  }
  if (typeof match.regex === 'string') {
    const compiled = compileRe2(match.regex);
    if (!compiled.ok) {
      const problem = `regex ${JSON.stringify(match.regex)} is refused by RE2 (${compiled.error}), so Envoy would not accept this route`;
      return { ok: false, reason: `${subject}: ${problem}`, problem };
    }
    const ok = fullMatch(compiled.regex, value);
    return {
      ok,
      reason: `${subject} ${shown} ${ok ? 'matches' : 'does not match'} regex ${JSON.stringify(match.regex)}`,
    };
  }
  return { ok: true, reason: `${subject} is present` };
}
