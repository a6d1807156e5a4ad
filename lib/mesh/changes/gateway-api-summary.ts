import { deepEqual } from '../deep-equal';
import { describeRuleFilters, describeRuleMatches } from '../gateway-api-words';
import { list, num, record, strings, text } from '../read';

// What changed in a Gateway API route or Gateway, at the level a person thinks of it: the
// hostnames and parents, and per rule its matches, filters, backends and timeouts
// (`rules[0]: matches PathPrefix / → PathPrefix /, header x-canary=true; added filter rewrite prefix → /v2`).

/** The changes between two specs of a Gateway API route of kind `kind`, one phrase each. */
export function routeSpecChanges(kind: string, before: unknown, after: unknown): string[] {
  const b = record(before);
  const a = record(after);
  const parts: string[] = [];
  const hostnames = wordsChange(strings(b.hostnames), strings(a.hostnames));
  if (hostnames) parts.push(`hostnames ${hostnames}`);
  const parents = wordsChange(list(b.parentRefs).map(parentWords), list(a.parentRefs).map(parentWords));
  if (parents) parts.push(`parents ${parents}`);
  const was = list(b.rules).map(record);
  const is = list(a.rules).map(record);
  for (let i = 0; i < Math.max(was.length, is.length); i++) {
    const label = (rule: Record<string, unknown>) =>
      `rules[${i}]${text(rule.name) ? ` (${text(rule.name)})` : ''}`;
    const x = was[i];
    const y = is[i];
    if (!x && y)
      parts.push(`new rule ${label(y)} for ${describeRuleMatches(kind, y.matches)} → ${backendsWords(y)}`);
    else if (x && !y) parts.push(`removed rule ${label(x)}`);
    else if (x && y && !deepEqual(x, y)) parts.push(`${label(y)}: ${ruleChanges(kind, x, y).join(', ')}`);
  }
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (!['hostnames', 'parentRefs', 'rules'].includes(key) && !deepEqual(b[key], a[key]))
      parts.push(`${key} changed`);
  }
  return parts;
}

function ruleChanges(
  kind: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): string[] {
  const parts: string[] = [];
  if (!deepEqual(before.matches, after.matches)) {
    parts.push(
      `matches ${describeRuleMatches(kind, before.matches)} → ${describeRuleMatches(kind, after.matches)}`,
    );
  }
  const filters = (rule: Record<string, unknown>) => describeRuleFilters({ filters: rule.filters });
  const was = filters(before);
  const is = filters(after);
  for (const line of is) if (!was.includes(line)) parts.push(`added filter ${line}`);
  for (const line of was) if (!is.includes(line)) parts.push(`removed filter ${line}`);
  if (!deepEqual(before.backendRefs, after.backendRefs)) {
    parts.push(`backends ${backendsWords(before)} → ${backendsWords(after)}`);
  }
  if (!deepEqual(before.timeouts, after.timeouts)) {
    const words = (rule: Record<string, unknown>) => describeRuleFilters({ timeouts: rule.timeouts })[0];
    const [was, is] = [words(before), words(after)];
    parts.push(was === undefined ? `added ${is}` : is === undefined ? `removed ${was}` : `${was} → ${is}`);
  }
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (
      !['matches', 'filters', 'backendRefs', 'timeouts'].includes(key) &&
      !deepEqual(before[key], after[key])
    ) {
      parts.push(`${key} ${String(text(before[key]) ?? '(none)')} → ${String(text(after[key]) ?? '(none)')}`);
    }
  }
  return parts.length > 0 ? parts : ['reordered'];
}

/** `cart-v1:8080 ×9, cart-v2:8080 ×1`: a rule's backends and their relative weights. */
function backendsWords(rule: Record<string, unknown>): string {
  const refs = list(rule.backendRefs).map(record);
  if (refs.length === 0) return 'no backends';
  return refs
    .map((ref) => {
      const port = num(ref.port);
      const weight = num(ref.weight);
      const ns = text(ref.namespace);
      return `${ns ? `${ns}/` : ''}${String(ref.name ?? '?')}${port !== undefined ? `:${port}` : ''}${refs.length > 1 ? ` ×${weight ?? 1}` : ''}`;
    })
    .join(', ');
}

// `edge/https`, `infra/edge:443`.
function parentWords(value: unknown): string {
  const ref = record(value);
  const ns = text(ref.namespace);
  const section = text(ref.sectionName);
  const port = num(ref.port);
  return `${ns ? `${ns}/` : ''}${String(ref.name ?? '?')}${section ? `/${section}` : ''}${port !== undefined ? `:${port}` : ''}`;
}

/** The changes between two specs of a Gateway API Gateway: its listeners by name, then the rest. */
export function gatewaySpecChanges(before: unknown, after: unknown): string[] {
  const b = record(before);
  const a = record(after);
  const parts: string[] = [];
  const was = list(b.listeners).map(record);
  const is = list(a.listeners).map(record);
  const find = (from: Record<string, unknown>[], name: unknown) => from.find((l) => l.name === name);
  for (const l of was) if (!find(is, l.name)) parts.push(`removed listener ${listenerWords(l)}`);
  for (const l of is) {
    const old = find(was, l.name);
    if (!old) parts.push(`new listener ${listenerWords(l)}`);
    else if (!deepEqual(old, l))
      parts.push(`listener ${String(l.name)}: ${listenerWords(old)} → ${listenerWords(l)}`);
  }
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (key === 'listeners' || deepEqual(b[key], a[key])) continue;
    parts.push(
      key === 'gatewayClassName'
        ? `class ${String(b[key] ?? '(none)')} → ${String(a[key] ?? '(none)')}`
        : `${key} changed`,
    );
  }
  return parts;
}

// `https 443/HTTPS *.example.com (TLS Terminate shop-cert) · routes from All`.
function listenerWords(l: Record<string, unknown>): string {
  const tls = record(l.tls);
  const certs = list(tls.certificateRefs).map((c) => String(record(c).name ?? '?'));
  const from = text(record(record(l.allowedRoutes).namespaces).from);
  return [
    `${String(l.name ?? '?')} ${String(l.port ?? '?')}/${String(l.protocol ?? '?')}`,
    text(l.hostname),
    text(tls.mode) || certs.length > 0
      ? `(TLS ${text(tls.mode) ?? 'Terminate'}${certs.length > 0 ? ` ${certs.join(', ')}` : ''})`
      : undefined,
    from ? `· routes from ${from}` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
}

function wordsChange(was: string[], is: string[]): string | undefined {
  const added = is.filter((x) => !was.includes(x)).map((x) => `+${x}`);
  const removed = was.filter((x) => !is.includes(x)).map((x) => `−${x}`);
  if (added.length + removed.length === 0) return was.join() === is.join() ? undefined : 'reordered';
  return [...added, ...removed].join(', ');
}
