import { record } from '../walk';

// Whether one route match condition takes every request another would: the basis of the
// unreachable-route and ineffective-match rules. Errs on the side of "not covered": a rule that
// cannot tell stays quiet.
//
// An HTTP match is turned into the conditions it requires (`header x-beta exact "true"`) and,
// for a later match, every condition its requests are sure to meet (an exact `/api/cart` also
// meets prefix `/api`, prefix `/`, presence). The earlier match covers the later one when all
// it requires is met. As strings, these index well: a VirtualService with thousands of routes
// is checked without comparing every pair.

type Fields = Record<string, unknown>;

const SEP = '\u0000';
const STRING_MATCH_FIELDS = ['uri', 'scheme', 'method', 'authority'] as const;
const STRING_MATCH_MAPS = ['headers', 'queryParams'] as const;

function key(field: string, name: string, op: string, value: string): string {
  return [field, name, op, value].join(SEP);
}

/** The op and value of a StringMatch, undefined when it is empty (presence only). */
function stringMatch(value: unknown): { op: string; value: string } | undefined {
  const match = record(value);
  for (const op of ['exact', 'prefix', 'regex'] as const) {
    if (typeof match[op] === 'string') return { op, value: match[op] as string };
  }
  return undefined;
}

function matchesAnyUri(value: unknown): boolean {
  const match = stringMatch(value);
  return (
    match !== undefined &&
    ((match.op === 'prefix' && (match.value === '/' || match.value === '')) ||
      (match.op === 'regex' && match.value === '.*'))
  );
}

function requireString(field: string, name: string, value: unknown, caseless: boolean): string {
  const match = stringMatch(value);
  // A `.*` regex asks no more than that the value is there.
  if (!match || (match.op === 'regex' && match.value === '.*')) return key(field, name, 'present', '');
  return key(field, name, caseless ? `${match.op}/i` : match.op, match.value);
}

function meetString(out: Set<string>, field: string, name: string, value: unknown, caseless: boolean): void {
  out.add(key(field, name, 'present', ''));
  const match = stringMatch(value);
  if (!match) return;
  const suffix = caseless ? '/i' : '';
  out.add(key(field, name, match.op + suffix, match.value));
  if (match.op === 'regex') return;
  // Every prefix of an exact value or of a prefix is met too.
  for (let end = 0; end <= match.value.length; end++) {
    out.add(key(field, name, `prefix${suffix}`, match.value.slice(0, end)));
  }
}

function headerName(field: string, name: string): string {
  return field === 'headers' ? name.toLowerCase() : name;
}

/** What an HTTP match asks of a request, as condition keys; empty for a match-everything. */
export function httpRequirements(match: Fields): string[] {
  const out: string[] = [];
  const caseless = match.ignoreUriCase === true;
  for (const [field, value] of Object.entries(match)) {
    if (value === undefined || field === 'name' || field === 'ignoreUriCase') continue;
    if (field === 'uri') {
      if (!matchesAnyUri(value)) out.push(requireString('uri', '', value, caseless));
    } else if ((STRING_MATCH_FIELDS as readonly string[]).includes(field)) {
      out.push(requireString(field, '', value, false));
    } else if ((STRING_MATCH_MAPS as readonly string[]).includes(field)) {
      for (const [name, condition] of Object.entries(record(value))) {
        out.push(requireString(field, headerName(field, name), condition, false));
      }
    } else if (field === 'sourceLabels') {
      for (const [name, label] of Object.entries(record(value)))
        out.push(key(field, name, 'eq', String(label)));
    } else {
      // withoutHeaders, port, gateways, sourceNamespace and anything newer: the very same value.
      out.push(key(field, '', 'eq', JSON.stringify(value)));
    }
  }
  return out;
}

/** Every condition key a request taken by this HTTP match is sure to meet. */
export function httpGuarantees(match: Fields): Set<string> {
  const out = new Set<string>();
  const caseless = match.ignoreUriCase === true;
  for (const [field, value] of Object.entries(match)) {
    if (value === undefined || field === 'name' || field === 'ignoreUriCase') continue;
    if (field === 'uri') meetString(out, 'uri', '', value, caseless);
    else if ((STRING_MATCH_FIELDS as readonly string[]).includes(field))
      meetString(out, field, '', value, false);
    else if ((STRING_MATCH_MAPS as readonly string[]).includes(field)) {
      for (const [name, condition] of Object.entries(record(value))) {
        meetString(out, field, headerName(field, name), condition, false);
      }
    } else if (field === 'sourceLabels') {
      for (const [name, label] of Object.entries(record(value)))
        out.add(key(field, name, 'eq', String(label)));
    } else out.add(key(field, '', 'eq', JSON.stringify(value)));
  }
  return out;
}

/** A match with no condition (or only ones every request meets) takes everything. */
export function matchesEverything(match: Fields): boolean {
  return httpRequirements(match).length === 0;
}

/** Every request the `later` HTTP match takes, the `earlier` one takes first. */
export function httpMatchCovers(earlier: Fields, later: Fields): boolean {
  const guarantees = httpGuarantees(later);
  return httpRequirements(earlier).every((requirement) => guarantees.has(requirement));
}

/** Later's list is a subset of earlier's (gateways, SNI hosts, subnets). */
function listCovers(earlierValue: unknown, laterValue: unknown): boolean {
  if (!Array.isArray(earlierValue) || !Array.isArray(laterValue) || laterValue.length === 0) return false;
  const earlier = new Set(earlierValue.map((value) => JSON.stringify(value)));
  return laterValue.every((value) => earlier.has(JSON.stringify(value)));
}

/** The same for TLS and TCP matches (SNI hosts, ports, subnets, source labels, gateways). */
export function l4MatchCovers(earlier: Fields, later: Fields): boolean {
  for (const [field, value] of Object.entries(earlier)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (!listCovers(value, later[field])) return false;
    } else if (field === 'sourceLabels') {
      const labels = record(later.sourceLabels);
      if (!Object.entries(record(value)).every(([name, label]) => labels[name] === label)) return false;
    } else if (JSON.stringify(value) !== JSON.stringify(later[field])) return false;
  }
  return true;
}
