/**
 * Checks of single fields, as a person types them: each returns a message, or undefined when
 * the value is fine. Pure; the editor shows the message next to the field and the appliers
 * refuse a change that brings a new one (see routingFieldErrors).
 */

// Istio's duration syntax (protobuf Duration as the CRD validates it).
const DURATION = /^\d+(\.\d+)?(h|m|s|ms|us|µs|ns)$/;

export function checkDuration(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !DURATION.test(value)) {
    return `${JSON.stringify(value)} is not a duration: write a number and a unit, such as 5s, 250ms or 1.5h`;
  }
  return undefined;
}

/**
 * Whether a regular expression compiles. Envoy uses RE2; JavaScript's RegExp is a close
 * approximation (it accepts lookaround and backreferences RE2 refuses, which are reported
 * here as RE2 features rather than passed).
 */
export function checkRegex(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return 'a regular expression must be text';
  if (/\(\?<?[=!]/.test(value))
    return 'lookahead and lookbehind are not supported by RE2 (Envoy’s regex engine)';
  if (/\\[1-9]/.test(value)) return 'backreferences are not supported by RE2 (Envoy’s regex engine)';
  try {
    new RegExp(value);
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : '';
    return `not a valid regular expression${reason ? `: ${reason}` : ''}`;
  }
}

export function checkPercent(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
    return `a percentage is from 0 to 100, got ${JSON.stringify(value)}`;
  }
  return undefined;
}

export function checkPort(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
    return `a port is a whole number from 1 to 65535, got ${JSON.stringify(value)}`;
  }
  return undefined;
}

export function checkHttpStatus(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 200 || value > 599) {
    return `an HTTP status is a whole number from 200 to 599, got ${JSON.stringify(value)}`;
  }
  return undefined;
}

export function checkPositiveInt(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    return `must be a whole number of 0 or more, got ${JSON.stringify(value)}`;
  }
  return undefined;
}

/** The names that occur more than once, each once. */
export function duplicateNames(names: ReadonlyArray<string | undefined>): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const name of names) {
    if (name === undefined || name === '') continue;
    if (seen.has(name)) twice.add(name);
    seen.add(name);
  }
  return [...twice];
}
