import { deepEqual } from '../deep-equal';
import { GATEWAY_ROUTE_KINDS } from '../gateway-api-types';
import { type AnyRoute, ROUTE_KINDS, routeLabel, routesOf } from '../routes';
import type { GatewayServer, HTTPRoute, MeshObject, RouteKind, Subset, TrafficPolicy } from '../types';
import { gatewaySpecChanges, routeSpecChanges } from './gateway-api-summary';
import {
  destinationWords,
  faultWords,
  matchWords,
  retriesWords,
  routeWords,
  valueWords,
} from './route-words';

/**
 * What changed between two versions of an object, at the level a person thinks of routing:
 * routes added, removed and moved, and per route the features that changed
 * (`new route http[0] for header end-user=jason → v2`, `http[1] (default): timeout 10s → 5s`).
 * Pure; one phrase per change, in spec order; empty when nothing changed.
 */
export function summarizeSpecChange(before: MeshObject, after: MeshObject): string[] {
  if (before.kind === after.kind && (GATEWAY_ROUTE_KINDS as readonly string[]).includes(after.kind)) {
    return routeSpecChanges(after.kind, before.spec, after.spec);
  }
  if (before.kind === 'KubernetesGateway' && after.kind === 'KubernetesGateway') {
    return gatewaySpecChanges(before.spec, after.spec);
  }
  const parts: string[] = [];
  const b = before.spec as Record<string, unknown>;
  const a = after.spec as Record<string, unknown>;
  const handled = new Set<string>();
  const list = (key: string, label = key) => {
    handled.add(key);
    const words = listChange(b[key], a[key]);
    if (words) parts.push(`${label} ${words}`);
  };

  if (before.kind === 'VirtualService' && after.kind === 'VirtualService') {
    list('hosts');
    list('gateways');
    list('exportTo');
    for (const routeKind of ROUTE_KINDS) {
      handled.add(routeKind);
      parts.push(...routeListChanges(routeKind, routesOf(before, routeKind), routesOf(after, routeKind)));
    }
  } else if (before.kind === 'DestinationRule' && after.kind === 'DestinationRule') {
    handled.add('host');
    if (before.spec.host !== after.spec.host) parts.push(`host ${before.spec.host} → ${after.spec.host}`);
    handled.add('trafficPolicy');
    parts.push(...policyChanges('traffic policy', before.spec.trafficPolicy, after.spec.trafficPolicy));
    handled.add('subsets');
    parts.push(...subsetChanges(before.spec.subsets ?? [], after.spec.subsets ?? []));
    list('exportTo');
  } else if (before.kind === 'Gateway' && after.kind === 'Gateway') {
    handled.add('selector');
    if (!deepEqual(before.spec.selector, after.spec.selector)) {
      parts.push(`selector ${labelsWords(before.spec.selector)} → ${labelsWords(after.spec.selector)}`);
    }
    handled.add('servers');
    parts.push(...serverChanges(before.spec.servers ?? [], after.spec.servers ?? []));
  }
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (!handled.has(key) && !deepEqual(b[key], a[key])) parts.push(featureChange(key, b[key], a[key]));
  }
  return parts;
}

function listChange(before: unknown, after: unknown): string | undefined {
  const was = Array.isArray(before) ? before.map(String) : [];
  const is = Array.isArray(after) ? after.map(String) : [];
  const added = is.filter((x) => !was.includes(x)).map((x) => `+${x}`);
  const removed = was.filter((x) => !is.includes(x)).map((x) => `−${x}`);
  if (added.length + removed.length === 0) return was.join() === is.join() ? undefined : 'reordered';
  return [...added, ...removed].join(', ');
}

const labelsWords = (labels: Record<string, string> | undefined) =>
  Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(', ') || '(none)';

// ---- routes ---------------------------------------------------------------------------

const nameOf = (route: AnyRoute) =>
  'name' in route && typeof route.name === 'string' ? route.name : undefined;

/** Pairs each route after with the route it was before: by name, then by match, then by place. */
function pairRoutes(before: readonly AnyRoute[], after: readonly AnyRoute[]): Map<number, number> {
  const pairs = new Map<number, number>(); // after index → before index
  const used = new Set<number>();
  const pass = (same: (b: AnyRoute, a: AnyRoute, bi: number, ai: number) => boolean) => {
    after.forEach((a, ai) => {
      if (pairs.has(ai)) return;
      const bi = before.findIndex((b, i) => !used.has(i) && same(b, a, i, ai));
      if (bi >= 0) {
        pairs.set(ai, bi);
        used.add(bi);
      }
    });
  };
  pass((b, a) => nameOf(a) !== undefined && nameOf(b) === nameOf(a));
  pass((b, a) => nameOf(a) === undefined && nameOf(b) === undefined && deepEqual(b.match, a.match));
  pass((b, a, bi, ai) => bi === ai && (nameOf(a) === undefined || nameOf(b) === undefined));
  return pairs;
}

/** Indices (into `xs`) of a longest strictly increasing subsequence: the routes that kept their order. */
function keptInOrder(xs: number[]): Set<number> {
  const lengths = xs.map(() => 1);
  const previous = xs.map(() => -1);
  xs.forEach((x, i) => {
    for (let j = 0; j < i; j++) {
      if ((xs[j] as number) < x && (lengths[j] as number) + 1 > (lengths[i] as number)) {
        lengths[i] = (lengths[j] as number) + 1;
        previous[i] = j;
      }
    }
  });
  let end = lengths.indexOf(Math.max(0, ...lengths));
  const kept = new Set<number>();
  while (end >= 0) {
    kept.add(end);
    end = previous[end] as number;
  }
  return kept;
}

function routeListChanges(
  routeKind: RouteKind,
  before: readonly AnyRoute[],
  after: readonly AnyRoute[],
): string[] {
  const parts: string[] = [];
  const pairs = pairRoutes(before, after);
  const paired = [...pairs.entries()].sort(([x], [y]) => x - y);
  const kept = keptInOrder(paired.map(([, bi]) => bi));
  const label = (route: AnyRoute, index: number) =>
    `${routeLabel(routeKind, index)}${nameOf(route) ? ` (${nameOf(route)})` : ''}`;
  const pairedBefore = new Set(pairs.values());
  before.forEach((route, bi) => {
    if (!pairedBefore.has(bi)) parts.push(`removed route ${label(route, bi)} ${routeWords(route)}`);
  });
  after.forEach((route, ai) => {
    if (!pairs.has(ai)) parts.push(`new route ${label(route, ai)} ${routeWords(route)}`);
  });
  paired.forEach(([ai, bi], i) => {
    const was = before[bi] as AnyRoute;
    const is = after[ai] as AnyRoute;
    if (!kept.has(i)) parts.push(`moved route ${label(is, bi)} to ${routeLabel(routeKind, ai)}`);
    const features = routeFeatureChanges(was, is);
    if (features.length > 0) parts.push(`${label(is, ai)}: ${features.join(', ')}`);
  });
  return parts;
}

// Fields read together as one feature: the mirror and its percentage are one thing to a person.
const MIRROR_KEYS = ['mirror', 'mirrorPercentage', 'mirrors'];

function routeFeatureChanges(before: AnyRoute, after: AnyRoute): string[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const parts: string[] = [];
  const mirror = (r: HTTPRoute) =>
    r.mirror
      ? `${destinationWords(r.mirror)} ${r.mirrorPercentage?.value ?? 100}%`
      : r.mirrors
        ? r.mirrors.map((m) => `${destinationWords(m.destination)} ${m.percentage?.value ?? 100}%`).join(', ')
        : undefined;
  if (MIRROR_KEYS.some((k) => !deepEqual(b[k], a[k]))) {
    parts.push(changeWords('mirror', mirror(before as HTTPRoute), mirror(after as HTTPRoute)));
  }
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (MIRROR_KEYS.includes(key) || deepEqual(b[key], a[key])) continue;
    parts.push(featureChange(key, b[key], a[key]));
  }
  return parts;
}

// A spec's keys are user input: `valueOf` must not find Object.prototype's function.
function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

const FEATURE_WORDS: Record<string, (value: never) => string> = {
  match: (ms: AnyRoute['match']) => (ms ?? []).map((m) => matchWords(m)).join(' or ') || 'anything',
  route: (ds: NonNullable<AnyRoute['route']>) =>
    ds.length === 1
      ? destinationWords(ds[0]?.destination)
      : ds.map((d) => `${destinationWords(d.destination)} ${d.weight ?? 0}%`).join(', '),
  retries: retriesWords,
  fault: faultWords,
  rewrite: (r: NonNullable<HTTPRoute['rewrite']>) =>
    [
      r.uri !== undefined && `uri ${r.uri}`,
      r.authority && `authority ${r.authority}`,
      r.uriRegexRewrite && 'uri by regex',
    ]
      .filter(Boolean)
      .join(', '),
  redirect: (r: NonNullable<HTTPRoute['redirect']>) =>
    `${r.uri ?? ''}${r.authority ? ` at ${r.authority}` : ''}${r.redirectCode ? ` (${r.redirectCode})` : ''}`.trim(),
  directResponse: (r: NonNullable<HTTPRoute['directResponse']>) => `${r.status}`,
};

const FEATURE_NAMES: Record<string, string> = {
  route: 'destinations',
  directResponse: 'direct response',
  corsPolicy: 'CORS',
};

/** `timeout 10s → 5s`, `added retries 3× 2s each`, `removed fault delay 5s for 10%`. */
function featureChange(key: string, before: unknown, after: unknown): string {
  const words = own(FEATURE_WORDS, key) as ((value: unknown) => string) | undefined;
  const say = (value: unknown) =>
    value === undefined ? undefined : words ? words(value) : valueWords(value);
  return changeWords(own(FEATURE_NAMES, key) ?? key, say(before), say(after));
}

function changeWords(label: string, before: string | undefined, after: string | undefined): string {
  if (before === undefined) return `added ${label} ${after}`;
  if (after === undefined) return `removed ${label} ${before}`;
  return `${label} ${before} → ${after}`;
}

// ---- DestinationRule and Gateway ------------------------------------------------------

const POLICY_NAMES: Record<string, string> = {
  loadBalancer: 'load balancer',
  connectionPool: 'connection pool',
  outlierDetection: 'outlier detection',
  tls: 'TLS',
  portLevelSettings: 'port-level settings',
};

const policyWords = (key: string, value: unknown): string => {
  if (key === 'loadBalancer' && value && typeof value === 'object') {
    const lb = value as NonNullable<TrafficPolicy['loadBalancer']>;
    if (lb.simple) return lb.simple;
    const hash = lb.consistentHash;
    if (hash)
      return `consistent hash on ${hash.httpHeaderName ? `header ${hash.httpHeaderName}` : hash.httpCookie ? `cookie ${hash.httpCookie.name}` : hash.useSourceIp ? 'source IP' : 'query'}`;
  }
  if (key === 'tls' && value && typeof value === 'object' && 'mode' in value) return String(value.mode);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return flatten(value as Record<string, unknown>).join(', ');
  }
  return valueWords(value);
};

function flatten(value: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(value).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? flatten(v as Record<string, unknown>, `${prefix}${k}.`)
      : [`${prefix}${k} ${valueWords(v)}`],
  );
}

function policyChanges(where: string, before?: TrafficPolicy, after?: TrafficPolicy): string[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((key) => !deepEqual(b[key], a[key]))
    .flatMap((key) => {
      if (key === 'portLevelSettings') return portLevelChanges(where, before?.[key], after?.[key]);
      const say = (v: unknown) => (v === undefined ? undefined : policyWords(key, v));
      return [`${where}: ${changeWords(own(POLICY_NAMES, key) ?? key, say(b[key]), say(a[key]))}`];
    });
}

type PortPolicy = NonNullable<TrafficPolicy['portLevelSettings']>[number];

/** Port-level settings read per port: `traffic policy port 9080: added connection pool …`. */
function portLevelChanges(where: string, before?: PortPolicy[], after?: PortPolicy[]): string[] {
  const ports = (list?: PortPolicy[]) => (list ?? []).map((p) => p.port?.number);
  const all = [...new Set([...ports(before), ...ports(after)])];
  const find = (list: PortPolicy[] | undefined, port: number | undefined) =>
    list?.find((p) => p.port?.number === port);
  return all.flatMap((port) => {
    const was = find(before, port);
    const is = find(after, port);
    const at = `${where} port ${port ?? '?'}`;
    if (!was) return [`${at}: new settings${is && policySummaryWords(is)}`];
    if (!is) return [`${at}: settings removed`];
    return policyChanges(at, was, is);
  });
}

function policySummaryWords(policy: PortPolicy): string {
  const { port: _port, ...rest } = policy;
  const parts = Object.entries(rest).map(([k, v]) => `${own(POLICY_NAMES, k) ?? k} ${policyWords(k, v)}`);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

function subsetChanges(before: Subset[], after: Subset[]): string[] {
  const parts: string[] = [];
  const byName = (list: Subset[], name: string) => list.find((s) => s.name === name);
  for (const s of before) if (!byName(after, s.name)) parts.push(`removed subset ${s.name}`);
  for (const s of after) {
    const was = byName(before, s.name);
    if (!was) {
      parts.push(`new subset ${s.name} (${labelsWords(s.labels)})`);
      continue;
    }
    if (!deepEqual(was.labels, s.labels)) {
      parts.push(`subset ${s.name} labels ${labelsWords(was.labels)} → ${labelsWords(s.labels)}`);
    }
    parts.push(...policyChanges(`subset ${s.name}`, was.trafficPolicy, s.trafficPolicy));
  }
  return parts;
}

const serverId = (s: GatewayServer) => s.port?.name ?? `${s.port?.number}`;
const serverWords = (s: GatewayServer) =>
  `${s.port?.number}/${s.port?.protocol} for ${(s.hosts ?? []).join(', ')}${s.tls?.mode ? ` (TLS ${s.tls.mode}${s.tls.credentialName ? ` ${s.tls.credentialName}` : ''})` : ''}${s.tls?.httpsRedirect ? ' (redirect to HTTPS)' : ''}`;

function serverChanges(before: GatewayServer[], after: GatewayServer[]): string[] {
  const parts: string[] = [];
  const find = (list: GatewayServer[], id: string) => list.find((s) => serverId(s) === id);
  for (const s of before) if (!find(after, serverId(s))) parts.push(`removed server ${serverWords(s)}`);
  for (const s of after) {
    const was = find(before, serverId(s));
    if (!was) parts.push(`new server ${serverWords(s)}`);
    else if (!deepEqual(was, s)) parts.push(`server ${serverId(s)}: ${serverWords(was)} → ${serverWords(s)}`);
  }
  return parts;
}
