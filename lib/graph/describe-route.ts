import { selectorText } from '../mesh/resolve';
import type { RouteKind } from '../mesh/types';
import { labels, list, num, record, strings, text } from './read';

// Short human lines for a route node: what it matches, then what it does besides routing.

/** The match blocks of a route in brief: `uri prefix /api, header end-user=jason or port 80`; `default` without any. */
export function describeMatch(kind: RouteKind, matches: unknown): string {
  const blocks = list(matches).map((block) => describeBlock(kind, record(block)));
  if (blocks.length === 0) return 'default';
  return blocks.map((block) => block || 'any request').join(' or ');
}

function describeBlock(kind: RouteKind, match: Record<string, unknown>): string {
  const parts: string[] = [];
  if (kind === 'http') {
    const uri = stringMatch(match.uri);
    if (uri) parts.push(`uri ${uri.type} ${uri.value}`);
    for (const field of ['method', 'scheme', 'authority'] as const) {
      const value = stringMatch(match[field]);
      if (value)
        parts.push(
          value.type === 'exact' ? `${field} ${value.value}` : `${field} ${value.type} ${value.value}`,
        );
    }
    parts.push(...keyed('header', match.headers));
    parts.push(...keyed('query', match.queryParams));
    parts.push(...keyed('without header', match.withoutHeaders));
  }
  const sni = strings(match.sniHosts);
  if (sni.length > 0) parts.push(`sni ${sni.join(', ')}`);
  const port = num(match.port);
  if (port !== undefined) parts.push(`port ${port}`);
  const subnets = strings(match.destinationSubnets);
  if (subnets.length > 0) parts.push(`subnet ${subnets.join(', ')}`);
  const source = selectorText(labels(match.sourceLabels));
  if (source) parts.push(`from ${source}`);
  const sourceNamespace = text(match.sourceNamespace);
  if (sourceNamespace) parts.push(`from namespace ${sourceNamespace}`);
  const gateways = strings(match.gateways);
  if (gateways.length > 0) parts.push(`via ${gateways.join(', ')}`);
  return parts.join(', ');
}

// `header end-user=jason`, `header cookie regex ^(.*?;)?(user=jason)`, `header x-canary` (present).
function keyed(what: string, value: unknown): string[] {
  return Object.entries(record(value)).map(([key, condition]) => {
    const match = stringMatch(condition);
    if (!match) return `${what} ${key}`;
    return match.type === 'exact'
      ? `${what} ${key}=${match.value}`
      : `${what} ${key} ${match.type} ${match.value}`;
  });
}

function stringMatch(value: unknown): { type: 'exact' | 'prefix' | 'regex'; value: string } | undefined {
  const match = record(value);
  for (const type of ['exact', 'prefix', 'regex'] as const) {
    if (typeof match[type] === 'string') return { type, value: match[type] as string };
  }
  return undefined;
}

/** What an HTTP route does besides choosing a destination, one short line each. */
export function describeFeatures(route: Record<string, unknown>): string[] {
  const lines: string[] = [];
  const rewrite = record(route.rewrite);
  const rewriteUri = typeof rewrite.uri === 'string' ? rewrite.uri : undefined;
  if (rewriteUri !== undefined) {
    const from = matchedUri(route.match);
    lines.push(from ? `rewrite ${from} → ${rewriteUri}` : `rewrite uri → ${rewriteUri}`);
  }
  const regexRewrite = record(rewrite.uriRegexRewrite);
  if (typeof regexRewrite.match === 'string')
    lines.push(`rewrite ${regexRewrite.match} → ${String(regexRewrite.rewrite ?? '')}`);
  const authority = text(rewrite.authority);
  if (authority) lines.push(`rewrite authority ${authority}`);

  const timeout = text(route.timeout);
  if (timeout) lines.push(`timeout ${timeout}`);
  const retries = describeRetries(route.retries);
  if (retries) lines.push(retries);
  lines.push(...describeFault(route.fault));
  lines.push(...describeMirrors(route));

  if (route.redirect !== undefined) lines.push(describeRedirect(record(route.redirect)));
  const direct = record(route.directResponse);
  if (route.directResponse !== undefined) lines.push(`direct response ${num(direct.status) ?? '?'}`);
  const delegate = record(route.delegate);
  if (route.delegate !== undefined)
    lines.push(
      `delegate ${[text(delegate.namespace), text(delegate.name) ?? '?'].filter(Boolean).join('/')}`,
    );
  return lines;
}

// The prefix or path a rewrite replaces: the first uri condition of the route's matches.
function matchedUri(matches: unknown): string | undefined {
  for (const block of list(matches)) {
    const uri = record(record(block).uri);
    if (typeof uri.prefix === 'string') return uri.prefix;
    if (typeof uri.exact === 'string') return uri.exact;
  }
  return undefined;
}

function describeRetries(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const retries = record(value);
  const attempts = num(retries.attempts);
  const perTry = text(retries.perTryTimeout);
  if (attempts === 0) return 'retries off';
  const count = attempts === undefined ? 'retries' : `retries ${attempts}`;
  return perTry ? `${count} × ${perTry}` : count;
}

function describeFault(value: unknown): string[] {
  const fault = record(value);
  const lines: string[] = [];
  if (fault.delay !== undefined) {
    const delay = record(fault.delay);
    const share = percent(delay.percentage, delay.percent);
    lines.push(
      ['fault delay', text(delay.fixedDelay) ?? text(delay.exponentialDelay) ?? '?', share]
        .filter(Boolean)
        .join(' '),
    );
  }
  if (fault.abort !== undefined) {
    const abort = record(fault.abort);
    const status = num(abort.httpStatus) ?? (text(abort.grpcStatus) ? `grpc ${abort.grpcStatus}` : '?');
    lines.push(['fault abort', status, percent(abort.percentage, abort.percent)].filter(Boolean).join(' '));
  }
  return lines;
}

function describeMirrors(route: Record<string, unknown>): string[] {
  const lines: string[] = [];
  if (route.mirror !== undefined) lines.push(mirrorLine(route.mirror, mirrorPercentOf(route)));
  for (const policy of list(route.mirrors)) {
    const entry = record(policy);
    lines.push(mirrorLine(entry.destination, num(record(entry.percentage).value) ?? 100));
  }
  return lines;
}

function mirrorLine(destination: unknown, share: number): string {
  const target = record(destination);
  return ['mirror', text(target.host) ?? '?', text(target.subset), `${share}%`].filter(Boolean).join(' ');
}

/** The share of requests a route's `mirror` copies: `mirrorPercentage`, the old `mirrorPercent`, else all. */
export function mirrorPercentOf(route: Record<string, unknown>): number {
  return num(record(route.mirrorPercentage).value) ?? num(route.mirrorPercent) ?? 100;
}

function describeRedirect(redirect: Record<string, unknown>): string {
  const scheme = text(redirect.scheme);
  const authority = text(redirect.authority);
  const port = num(redirect.port);
  const target = [
    scheme ? `${scheme}://` : '',
    authority ?? '',
    port !== undefined ? `:${port}` : '',
    text(redirect.uri) ?? '',
  ].join('');
  const code = num(redirect.redirectCode);
  return ['redirect', target || undefined, code !== undefined ? String(code) : undefined]
    .filter(Boolean)
    .join(' ');
}

function percent(percentage: unknown, legacy: unknown): string | undefined {
  const value = num(record(percentage).value) ?? num(legacy);
  return value === undefined ? undefined : `${value}%`;
}
