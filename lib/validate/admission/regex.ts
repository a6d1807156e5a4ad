// Regular expressions in routes are checked with re2js, a port of RE2 (the syntax Istio
// compiles them with, Go's regexp, and the engine Envoy runs them on). Only compiled, never run
// against input, and RE2's compiler works in time linear in the expression: a pattern that would
// backtrack catastrophically in JavaScript, `(a+)+$`, costs nothing here, and what RE2 refuses
// (lookaround, backreferences, repeat counts over 1000) is refused with RE2's own message.
import { RE2JS } from 're2js';

// Go measures strings in UTF-8 bytes.
const ENCODER = new TextEncoder();

/** validateStringRegexp (pkg/config/validation/validation.go): at most 1024 bytes, and RE2 syntax. */
export function regexProblem(re: string, where: string): string | undefined {
  if (ENCODER.encode(re).length > 1024)
    return `${JSON.stringify(where)}: regex is too large, max length allowed is 1024`;
  try {
    RE2JS.compile(re);
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `${JSON.stringify(where)}: ${reason}; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)`;
  }
}
