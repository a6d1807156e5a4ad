import { namespaceNameProblem } from './object-names';

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

/** A destination's weight: a whole percentage (the total of 100 is the route's rule, not this one's). */
export function checkWeight(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100) {
    return `a weight is a whole number from 0 to 100, got ${JSON.stringify(value)}`;
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

function ipv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

function ipv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const all = halves.flatMap(groups);
  // An IPv4 tail (::ffff:10.0.0.1) stands for two groups.
  const last = all[all.length - 1];
  const tail = last?.includes('.') ? (ipv4(last) ? 2 : -1) : 0;
  if (tail < 0) return false;
  const hex = tail ? all.slice(0, -1) : all;
  if (!hex.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = hex.length + tail;
  return halves.length === 2 ? count < 8 : count === 8;
}

/** An IP address with an optional prefix length (`10.0.0.0/8`, `10.1.2.3`, `fd00::/8`). */
export function checkCidr(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  const bad = `${JSON.stringify(value)} is not an IP address or CIDR block: write it as 10.0.0.0/8, 10.1.2.3 or fd00::/8`;
  if (typeof value !== 'string') return bad;
  const [address = '', prefix, ...rest] = value.split('/');
  if (rest.length > 0) return bad;
  const v4 = ipv4(address);
  if (!v4 && !ipv6(address)) return bad;
  if (prefix === undefined) return undefined;
  const max = v4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) {
    return `the prefix length of ${value} must be a whole number from 0 to ${max}`;
  }
  return undefined;
}

const DNS_LABEL = /^[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?$/;

/** A host name a client may send as SNI: DNS labels, optionally starting with a `*.` wildcard. */
export function checkSniHost(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') return 'an SNI host must be text';
  if (value === '*') return undefined;
  const name = value.startsWith('*.') ? value.slice(2) : value;
  if (name.length > 253 || !name.split('.').every((label) => DNS_LABEL.test(label))) {
    return `${JSON.stringify(value)} is not a host name: letters, digits and hyphens between dots, optionally starting with *.`;
  }
  return undefined;
}

export const TLS_VERSIONS = ['TLS_AUTO', 'TLSV1_0', 'TLSV1_1', 'TLSV1_2', 'TLSV1_3'] as const;

export function checkTlsVersion(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!(TLS_VERSIONS as readonly unknown[]).includes(value)) {
    return `${JSON.stringify(value)} is not a TLS version: one of ${TLS_VERSIONS.join(', ')}`;
  }
  return undefined;
}

/** The minimum TLS version may not be above the maximum (TLS_AUTO on either side is fine). */
export function checkTlsVersionOrder(min: unknown, max: unknown): string | undefined {
  const rank = (v: unknown) => (v === 'TLS_AUTO' ? -1 : (TLS_VERSIONS as readonly unknown[]).indexOf(v));
  const lo = rank(min);
  const hi = rank(max);
  if (lo > 0 && hi > 0 && lo > hi) return `the minimum version ${min} is above the maximum ${max}`;
  return undefined;
}

/** Where a Gateway server sends traffic: `127.0.0.1:PORT`, `0.0.0.0:PORT` or a Unix socket. */
export function checkDefaultEndpoint(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string') {
    if (value.startsWith('unix://') && value.length > 'unix://'.length) return undefined;
    const at = /^(127\.0\.0\.1|0\.0\.0\.0|\[::1\]|\[::\]):(\d+)$/.exec(value);
    if (at && checkPort(Number(at[2])) === undefined) return undefined;
  }
  return `${JSON.stringify(value)} is not a default endpoint: write 127.0.0.1:PORT, 0.0.0.0:PORT or unix:///path/to/socket`;
}

/**
 * A host as a route, Gateway server or ServiceEntry names it: a name of letters, digits, '-',
 * '_' and '.', optionally a `*` wildcard, a Gateway's `namespace/` prefix or an IP address.
 * Nothing else: no spaces, markup or invisible characters, which would look like one host and
 * match another (or none). Istio's admission rules judge the rest.
 */
export function checkHost(value: unknown): string | undefined {
  if (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= 320 &&
    /^[A-Za-z0-9.*_:/~[\]-]+$/.test(value)
  )
    return undefined;
  return `${JSON.stringify(value)} is not a host: letters, digits, '-', '.' and a leading '*.' (and 'namespace/' on a Gateway)`;
}

/** Where an object is exported to: `.` (its own namespace), `*` (everywhere) or a namespace. */
export function checkExportTo(value: unknown): string | undefined {
  if (value === '.' || value === '*' || value === '~') return undefined;
  if (namespaceNameProblem(value) === undefined) return undefined;
  return `${JSON.stringify(value)} is not a namespace to export to: '.', '*' or a namespace name`;
}
