import type { AnyRoute } from '../routes';
import type {
  Destination,
  HTTPFaultInjection,
  HTTPMatchRequest,
  HTTPRetry,
  HTTPRoute,
  L4MatchAttributes,
  StringMatch,
  TLSMatchAttributes,
} from '../types';

/** How a person reads a destination: its subset, else its host; then the port. */
export function destinationWords(d: Destination | undefined): string {
  if (!d) return '?';
  return `${d.subset ?? d.host}${d.port?.number ? `:${d.port.number}` : ''}`;
}

function stringMatchWords(m: StringMatch | undefined): string {
  if (!m) return '';
  if (m.exact !== undefined) return `=${m.exact}`;
  if (m.prefix !== undefined) return ` prefix ${m.prefix}`;
  if (m.regex !== undefined) return ` ~ ${m.regex}`;
  return ' (any)';
}

/** `header end-user=jason, uri prefix /api`: one match block in words. */
export function matchWords(match: HTTPMatchRequest & L4MatchAttributes & TLSMatchAttributes): string {
  const parts: string[] = [];
  for (const field of ['uri', 'scheme', 'method', 'authority'] as const) {
    const m = match[field];
    if (m) parts.push(`${field}${stringMatchWords(m).replace(/^=/, ' ')}`);
  }
  for (const [name, m] of Object.entries(match.headers ?? {}))
    parts.push(`header ${name}${stringMatchWords(m)}`);
  for (const [name, m] of Object.entries(match.queryParams ?? {}))
    parts.push(`query ${name}${stringMatchWords(m)}`);
  for (const name of Object.keys(match.withoutHeaders ?? {})) parts.push(`without header ${name}`);
  // A TLS route is read by the names it serves first.
  if (match.sniHosts) parts.push(`SNI ${match.sniHosts.join(', ')}`);
  if (match.port !== undefined) parts.push(`port ${match.port}`);
  if (match.destinationSubnets) parts.push(`subnets ${match.destinationSubnets.join(', ')}`);
  for (const [k, v] of Object.entries(match.sourceLabels ?? {})) parts.push(`source ${k}=${v}`);
  if (match.sourceNamespace) parts.push(`from namespace ${match.sourceNamespace}`);
  if (match.gateways) parts.push(`via ${match.gateways.join(', ')}`);
  if (match.ignoreUriCase) parts.push('ignoring URI case');
  return parts.join(', ') || 'anything';
}

/** `for header end-user=jason → v2`: what a route catches and where it sends it. */
export function routeWords(route: AnyRoute): string {
  const matches = route.match ?? [];
  const when =
    matches.length > 0 ? `for ${matches.map((m) => matchWords(m)).join(' or ')}` : 'for everything';
  const http = route as HTTPRoute;
  let to: string;
  if (http.redirect) to = `redirect${http.redirect.uri ? ` to ${http.redirect.uri}` : ''}`;
  else if (http.directResponse) to = `answer ${http.directResponse.status}`;
  else if (http.delegate) to = `delegate to ${http.delegate.namespace ?? ''}/${http.delegate.name ?? ''}`;
  else {
    const ds = route.route ?? [];
    to =
      ds.length === 1
        ? destinationWords(ds[0]?.destination)
        : ds.map((d) => `${destinationWords(d.destination)} ${d.weight ?? 0}%`).join(', ');
  }
  return `${when} → ${to || 'nowhere'}`;
}

export function retriesWords(r: HTTPRetry): string {
  const parts = [`${r.attempts ?? '?'}×`];
  if (r.perTryTimeout) parts.push(`${r.perTryTimeout} each`);
  if (r.retryOn) parts.push(`on ${r.retryOn}`);
  return parts.join(' ');
}

export function faultWords(f: HTTPFaultInjection): string {
  const parts: string[] = [];
  if (f.delay)
    parts.push(
      `delay ${f.delay.fixedDelay ?? '?'} for ${f.delay.percentage?.value ?? f.delay.percent ?? 100}%`,
    );
  if (f.abort) {
    const what = f.abort.httpStatus ?? f.abort.grpcStatus ?? '?';
    parts.push(`abort ${what} for ${f.abort.percentage?.value ?? 100}%`);
  }
  return parts.join(', ') || 'none';
}

/** Any other value in a few words: short JSON, cut at 60 characters. */
export function valueWords(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
