import {
  checkDuration,
  checkHttpStatus,
  checkPercent,
  checkPort,
  checkPositiveInt,
  checkRegex,
  duplicateNames,
} from './field-checks';

/** One field that does not check out, by its path in the spec (`http[0].timeout`). */
export interface FieldError {
  path: string;
  message: string;
}

type Check = (value: unknown) => string | undefined;

// Which check applies to a field, by the field's own name and its parent's. Walking the
// spec generically keeps unknown fields out of the way and covers every level a field can
// appear at (route, port-level and subset-level traffic policies).
const BY_KEY: Record<string, Check> = {
  timeout: checkDuration,
  perTryTimeout: checkDuration,
  fixedDelay: checkDuration,
  connectTimeout: checkDuration,
  idleTimeout: checkDuration,
  interval: checkDuration,
  baseEjectionTime: checkDuration,
  maxAge: checkDuration,
  ttl: checkDuration,
  regex: checkRegex,
  redirectCode: checkHttpStatus,
  httpStatus: checkHttpStatus,
  attempts: checkPositiveInt,
  maxEjectionPercent: checkPercent,
  minHealthPercent: checkPercent,
  consecutive5xxErrors: checkPositiveInt,
  consecutiveGatewayErrors: checkPositiveInt,
  maxConnections: checkPositiveInt,
};

const BY_PARENT_AND_KEY: Record<string, Check> = {
  'percentage.value': checkPercent,
  'mirrorPercentage.value': checkPercent,
  'directResponse.status': checkHttpStatus,
  'port.number': checkPort,
  'match.port': checkPort,
  'redirect.port': checkPort,
  'uriRegexRewrite.match': checkRegex,
};

/**
 * Every field error in a spec (any Istio kind): durations, regexes, percentages, ports,
 * HTTP statuses, duplicate subset and server names. Pure; never throws.
 */
export function specFieldErrors(spec: unknown): FieldError[] {
  const errors: FieldError[] = [];
  walk(spec, '', '', errors);
  if (isRecord(spec) && Array.isArray(spec.subsets)) {
    const names = spec.subsets.map((s) => (isRecord(s) && typeof s.name === 'string' ? s.name : undefined));
    for (const name of duplicateNames(names)) {
      errors.push({ path: 'subsets', message: `subset name ${name} is used more than once` });
    }
  }
  if (isRecord(spec) && Array.isArray(spec.servers)) {
    const names = spec.servers.map((s) =>
      isRecord(s) && isRecord(s.port) && typeof s.port.name === 'string' ? s.port.name : undefined,
    );
    for (const name of duplicateNames(names)) {
      errors.push({ path: 'servers', message: `server port name ${name} is used more than once` });
    }
  }
  return errors;
}

function walk(value: unknown, path: string, parentKey: string, errors: FieldError[]): void {
  if (Array.isArray(value)) {
    // A list keeps its field's name as the parent of its items (match[0].port → match.port).
    value.forEach((item, i) => {
      walk(item, `${path}[${i}]`, parentKey, errors);
    });
    return;
  }
  if (!isRecord(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    const check = BY_PARENT_AND_KEY[`${parentKey}.${key}`] ?? BY_KEY[key];
    const message = check && (typeof child !== 'object' || child === null) ? check(child) : undefined;
    if (message) errors.push({ path: at, message });
    walk(child, at, key, errors);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The errors in `after` that were not already in `before` (an old mistake never blocks an edit). */
export function introducedFieldErrors(before: unknown, after: unknown): FieldError[] {
  const known = new Set(specFieldErrors(before).map((e) => `${e.path} ${e.message}`));
  return specFieldErrors(after).filter((e) => !known.has(`${e.path} ${e.message}`));
}
