import { list, num, record, strings, text } from './read';

// Short human lines for a Gateway API rule node: what it matches, then its filters and timeouts.

/**
 * The matches of a rule in brief, one line: `PathPrefix /cart, method GET or header x-env=canary`;
 * gRPC: `com.example/Login`. `default` when there is none (an HTTP rule then matches every path).
 */
export function describeRuleMatches(routeKind: string, matches: unknown): string {
  const blocks = list(matches).map((block) =>
    routeKind === 'GRPCRoute' ? grpcMatch(record(block)) : httpMatch(record(block)),
  );
  if (blocks.length === 0) return 'default';
  return blocks.map((block) => block || 'any request').join(' or ');
}

function httpMatch(match: Record<string, unknown>): string {
  const parts: string[] = [];
  const path = record(match.path);
  if (Object.keys(path).length > 0)
    parts.push(`${text(path.type) ?? 'PathPrefix'} ${text(path.value) ?? '/'}`);
  const method = text(match.method);
  if (method) parts.push(`method ${method}`);
  parts.push(...nameValues('header', match.headers));
  parts.push(...nameValues('query', match.queryParams));
  return parts.join(', ');
}

function grpcMatch(match: Record<string, unknown>): string {
  const parts: string[] = [];
  const method = record(match.method);
  const service = text(method.service);
  const name = text(method.method);
  const regex = text(method.type) === 'RegularExpression' ? ' (regex)' : '';
  if (service || name) parts.push(`${service ?? '*'}/${name ?? '*'}${regex}`);
  parts.push(...nameValues('header', match.headers));
  return parts.join(', ');
}

// `header x-env=canary`, `query v RegularExpression ^2`.
function nameValues(what: string, value: unknown): string[] {
  return list(value).map((entry) => {
    const { type, name, value: wanted } = record(entry);
    const kind = text(type);
    return kind && kind !== 'Exact'
      ? `${what} ${String(name)} ${kind} ${String(wanted)}`
      : `${what} ${String(name)}=${String(wanted)}`;
  });
}

/** Each filter of a rule in a line (`redirect https 301`, `rewrite prefix → /`, `mirror to foo:80 (50%)`), then timeouts. */
export function describeRuleFilters(rule: Record<string, unknown>): string[] {
  const lines = list(rule.filters).map((value) => describeFilter(record(value)));
  const timeouts = record(rule.timeouts);
  const request = text(timeouts.request);
  const backend = text(timeouts.backendRequest);
  if (request || backend) {
    lines.push(
      [request && `timeout ${request}`, backend && `backend timeout ${backend}`].filter(Boolean).join(', '),
    );
  }
  return lines;
}

function describeFilter(filter: Record<string, unknown>): string {
  const type = text(filter.type) ?? 'filter';
  switch (type) {
    case 'RequestHeaderModifier':
    case 'ResponseHeaderModifier': {
      const which = type === 'RequestHeaderModifier' ? 'request' : 'response';
      const modifier = record(
        filter[type === 'RequestHeaderModifier' ? 'requestHeaderModifier' : 'responseHeaderModifier'],
      );
      const names = (key: string) => list(modifier[key]).map((h) => String(record(h).name));
      const parts = [
        ...names('set').map((n) => `set ${n}`),
        ...names('add').map((n) => `add ${n}`),
        ...strings(modifier.remove).map((n) => `remove ${n}`),
      ];
      return `${which} headers: ${parts.join(', ') || 'none'}`;
    }
    case 'RequestRedirect': {
      const redirect = record(filter.requestRedirect);
      const parts = [
        text(redirect.scheme),
        text(redirect.hostname),
        num(redirect.port) !== undefined ? `port ${num(redirect.port)}` : undefined,
        pathModifier(redirect.path),
        num(redirect.statusCode) !== undefined ? String(num(redirect.statusCode)) : undefined,
      ].filter(Boolean);
      return `redirect ${parts.join(' ') || '(same)'}`;
    }
    case 'URLRewrite': {
      const rewrite = record(filter.urlRewrite);
      const parts = [
        text(rewrite.hostname) && `host → ${text(rewrite.hostname)}`,
        pathModifier(rewrite.path),
      ];
      return `rewrite ${parts.filter(Boolean).join(', ') || '(nothing)'}`;
    }
    case 'RequestMirror': {
      const mirror = record(filter.requestMirror);
      const backend = record(mirror.backendRef);
      const port = num(backend.port);
      return `mirror to ${String(backend.name ?? '?')}${port !== undefined ? `:${port}` : ''} (${mirrorPercent(mirror)}%)`;
    }
    case 'CORS':
      return `CORS: origins ${strings(record(filter.cors).allowOrigins).join(', ') || 'none'}`;
    case 'ExtensionRef': {
      const ref = record(filter.extensionRef);
      return `extension ${String(ref.kind ?? '?')} ${String(ref.name ?? '?')}`;
    }
    default:
      return type;
  }
}

function pathModifier(value: unknown): string | undefined {
  const path = record(value);
  const full = text(path.replaceFullPath);
  if (full !== undefined) return `path → ${full}`;
  const prefix = typeof path.replacePrefixMatch === 'string' ? path.replacePrefixMatch : undefined;
  return prefix !== undefined ? `prefix → ${prefix || '/'}` : undefined;
}

/** The share of requests a RequestMirror filter copies: `percent`, else `fraction`, else all. */
export function mirrorPercent(mirror: Record<string, unknown>): number {
  const percent = num(mirror.percent);
  if (percent !== undefined) return percent;
  const fraction = record(mirror.fraction);
  const numerator = num(fraction.numerator);
  if (numerator === undefined) return 100;
  const denominator = num(fraction.denominator) ?? 100;
  return denominator > 0 ? Math.round((numerator / denominator) * 1000) / 10 : 0;
}
