import { list, record, text } from '../../graph/read';
import { compileRe2, fullMatch } from '../regex';
import type { TraceRequest } from '../request';
import type { ConditionOutcome } from '../string-match';
import type { RankedMatch } from './precedence';

// Whether a request meets one Gateway API match, condition by condition, with the reason in
// words either way. All conditions of a match must hold (AND); the matches of a rule are
// alternatives (OR), and the precedence module has already put each in its place.

/**
 * The conditions of one match against the request (none: the rule matches every request), up
 * to the first that fails: Envoy checks the path, then headers (the method is the `:method`
 * header), then query parameters, and stops there, as the Istio trace does too.
 */
export function matchConditions(entry: RankedMatch, request: TraceRequest): ConditionOutcome[] {
  const match = entry.match;
  const checks: Array<() => ConditionOutcome[]> = [];
  if (entry.kind === 'GRPCRoute') {
    if (!match) return [];
    checks.push(() => grpcMethod(record(match.method), request.path));
  } else {
    checks.push(() => [httpPath(record(match?.path), request.path)]);
    const method = text(match?.method);
    if (method !== undefined) {
      const ok = request.method === method;
      checks.push(() => [{ ok, reason: `method ${request.method} ${ok ? 'is' : 'is not'} ${method}` }]);
    }
  }
  for (const header of list(match?.headers)) checks.push(() => headers([header], request));
  for (const param of list(match?.queryParams)) checks.push(() => queryParams([param], request));
  const conditions: ConditionOutcome[] = [];
  for (const check of checks) {
    const outcomes = check();
    conditions.push(...outcomes);
    if (outcomes.some((c) => !c.ok)) break;
  }
  return conditions;
}

function httpPath(path: Record<string, unknown>, requestPath: string): ConditionOutcome {
  const type = text(path.type) ?? 'PathPrefix';
  const value = text(path.value) ?? '/';
  const shown = JSON.stringify(requestPath);
  if (type === 'Exact') {
    const ok = requestPath === value;
    return { ok, reason: `path ${shown} ${ok ? 'is' : 'is not'} exactly ${JSON.stringify(value)}` };
  }
  if (type === 'RegularExpression') return regex(`path ${shown}`, value, requestPath);
  // PathPrefix matches whole path elements: /shop matches /shop and /shop/cart, not /shopping
  // (istiod writes it as Envoy's path_separated_prefix).
  const prefix = value !== '/' && value.endsWith('/') ? value.slice(0, -1) : value;
  const ok = prefix === '/' || requestPath === prefix || requestPath.startsWith(`${prefix}/`);
  return {
    ok,
    reason: `path ${shown} ${ok ? 'is' : 'is not'} under the prefix ${JSON.stringify(value)} (whole path elements)`,
  };
}

// A gRPC call is a POST to /service/method.
function grpcMethod(method: Record<string, unknown>, requestPath: string): ConditionOutcome[] {
  const service = text(method.service);
  const name = text(method.method);
  if (!service && !name) return [];
  const [, calledService = '', calledMethod = '', ...rest] = requestPath.split('/');
  const called = rest.length === 0 ? { service: calledService, method: calledMethod } : undefined;
  const isRegex = text(method.type) === 'RegularExpression';
  const out: ConditionOutcome[] = [];
  for (const [what, wanted, got] of [
    ['service', service, called?.service],
    ['method', name, called?.method],
  ] as const) {
    if (wanted === undefined) continue;
    if (got === undefined || got === '') {
      out.push({ ok: false, reason: `path ${JSON.stringify(requestPath)} is not a gRPC /service/method` });
      continue;
    }
    if (isRegex) out.push(regex(`gRPC ${what} ${JSON.stringify(got)}`, wanted, got));
    else {
      const ok = got === wanted;
      out.push({
        ok,
        reason: `gRPC ${what} ${JSON.stringify(got)} ${ok ? 'is' : 'is not'} ${JSON.stringify(wanted)}`,
      });
    }
  }
  return out;
}

function headers(written: unknown, request: TraceRequest): ConditionOutcome[] {
  return list(written).map((value) => {
    const header = record(value);
    const name = (text(header.name) ?? '').toLowerCase();
    const wanted = text(header.value) ?? '';
    const got = request.headers[name];
    if (got === undefined) return { ok: false, reason: `header ${name} absent` };
    return compare(`header ${name} ${JSON.stringify(got)}`, text(header.type), wanted, got);
  });
}

function queryParams(written: unknown, request: TraceRequest): ConditionOutcome[] {
  return list(written).map((value) => {
    const param = record(value);
    const name = text(param.name) ?? '';
    const wanted = text(param.value) ?? '';
    const got = Object.hasOwn(request.query, name) ? request.query[name] : undefined;
    if (got === undefined) return { ok: false, reason: `query parameter ${name} absent` };
    return compare(`query parameter ${name} ${JSON.stringify(got)}`, text(param.type), wanted, got);
  });
}

function compare(subject: string, type: string | undefined, wanted: string, got: string): ConditionOutcome {
  if (type === 'RegularExpression') return regex(subject, wanted, got);
  const ok = got === wanted;
  return { ok, reason: `${subject} ${ok ? 'is' : 'is not'} exactly ${JSON.stringify(wanted)}` };
}

function regex(subject: string, pattern: string, value: string): ConditionOutcome {
  const compiled = compileRe2(pattern);
  if (!compiled.ok) {
    const problem = `regex ${JSON.stringify(pattern)} is refused by RE2 (${compiled.error}), so the proxy would not accept this rule`;
    return { ok: false, reason: `${subject}: ${problem}`, problem };
  }
  const ok = fullMatch(compiled.regex, value);
  return { ok, reason: `${subject} ${ok ? 'matches' : 'does not match'} regex ${JSON.stringify(pattern)}` };
}
