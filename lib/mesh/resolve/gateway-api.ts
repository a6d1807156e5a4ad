// The Gateway API's naming and attachment rules, beside Istio's, for the graph and the
// validator: what a parentRef and a backendRef name once their defaults are filled in, which
// listeners of a Gateway a route attaches to, and which hostnames they share.

import { apportion } from '../weights';
import { hostIntersection } from './host-match';
import { selects } from './labels';

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/** A parentRef with the spec's defaults filled in: group gateway.networking.k8s.io, kind Gateway, the route's namespace. */
export interface ParentTarget {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  sectionName?: string;
  port?: number;
}

/** A backendRef with the spec's defaults filled in: group "" (core), kind Service, the route's namespace. */
export interface BackendTarget {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  port?: number;
}

type Loose = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

export function parentTarget(ref: Loose, routeNamespace: string): ParentTarget {
  const sectionName = text(ref.sectionName);
  const port = num(ref.port);
  return {
    group: typeof ref.group === 'string' ? ref.group : GATEWAY_API_GROUP,
    kind: text(ref.kind) ?? 'Gateway',
    namespace: text(ref.namespace) ?? routeNamespace,
    name: text(ref.name) ?? '',
    ...(sectionName !== undefined && { sectionName }),
    ...(port !== undefined && { port }),
  };
}

export function backendTarget(ref: Loose, routeNamespace: string): BackendTarget {
  const port = num(ref.port);
  return {
    group: typeof ref.group === 'string' ? ref.group : '',
    kind: text(ref.kind) ?? 'Service',
    namespace: text(ref.namespace) ?? routeNamespace,
    name: text(ref.name) ?? '',
    ...(port !== undefined && { port }),
  };
}

/** A listener's certificateRef with the spec's defaults filled in: group "" (core), kind Secret, the Gateway's namespace. */
export type CertificateTarget = Omit<BackendTarget, 'port'>;

export function certificateTarget(ref: Loose, gatewayNamespace: string): CertificateTarget {
  return {
    group: typeof ref.group === 'string' ? ref.group : '',
    kind: text(ref.kind) ?? 'Secret',
    namespace: text(ref.namespace) ?? gatewayNamespace,
    name: text(ref.name) ?? '',
  };
}

/** A certificateRef to a core Secret: the only kind Istio reads a listener's certificate from. */
export function isSecretRef(ref: { group: string; kind: string }): boolean {
  return ref.group === '' && ref.kind === 'Secret';
}

/** A parent that is a Gateway (as opposed to a Service: a GAMMA mesh route). */
export function isGatewayParent(parent: ParentTarget): boolean {
  return parent.group === GATEWAY_API_GROUP && parent.kind === 'Gateway';
}

/** A parent or backend that is a core Service. */
export function isServiceRef(ref: { group: string; kind: string }): boolean {
  return ref.group === '' && ref.kind === 'Service';
}

/**
 * Weights are relative: each backend's share of the rule is its weight over the sum (a
 * missing weight is 1), in whole percent that add up to 100 (largest remainders first, as
 * every share in Weir: lib/mesh/weights.ts's apportion). All zero: no share at all (the spec
 * answers such requests with 500).
 */
export function backendShares(weights: ReadonlyArray<number | undefined>): number[] {
  const written = weights.map((weight) => (weight === undefined ? 1 : Math.max(0, weight)));
  if (written.every((weight) => weight === 0)) return written.map(() => 0);
  return apportion(written, 100);
}

/** The route kinds a listener of this protocol takes when `allowedRoutes.kinds` is not given. */
export function defaultRouteKinds(protocol: string): string[] {
  switch (protocol) {
    case 'HTTP':
    case 'HTTPS':
      return ['HTTPRoute', 'GRPCRoute'];
    case 'TLS':
      return ['TLSRoute'];
    case 'TCP':
      return ['TCPRoute'];
    case 'UDP':
      return ['UDPRoute'];
    default:
      return [];
  }
}

export interface ListenerLike {
  name?: unknown;
  port?: unknown;
  protocol?: unknown;
  hostname?: unknown;
  allowedRoutes?: unknown;
}

/**
 * Whether a listener lets a route of `routeKind` from `routeNamespace` attach: allowedRoutes'
 * namespaces (Same by default, All, or a Selector over the route namespace's labels) and kinds
 * (by default those of its protocol).
 */
export function listenerAllows(
  listener: ListenerLike,
  gatewayNamespace: string,
  routeKind: string,
  routeNamespace: string,
  namespaceLabels: (namespace: string) => Record<string, string> | undefined,
): boolean {
  const allowed = (listener.allowedRoutes ?? {}) as Loose;
  const namespaces = (allowed.namespaces ?? {}) as Loose;
  const from = text(namespaces.from) ?? 'Same';
  if (from === 'Same' && routeNamespace !== gatewayNamespace) return false;
  if (from === 'Selector') {
    const selector = (namespaces.selector ?? {}) as Loose;
    const matchLabels = (selector.matchLabels ?? {}) as Record<string, string>;
    // matchExpressions are not read: a selector using them is taken as not matching.
    if (Array.isArray(selector.matchExpressions) && selector.matchExpressions.length > 0) return false;
    if (!selects(matchLabels, namespaceLabels(routeNamespace))) return false;
  }
  if (from !== 'Same' && from !== 'All' && from !== 'Selector') return false;
  const kinds = Array.isArray(allowed.kinds) ? (allowed.kinds as Loose[]) : undefined;
  if (kinds && kinds.length > 0) {
    return kinds.some(
      (kind) =>
        text(kind.kind) === routeKind &&
        (typeof kind.group === 'string' ? kind.group : GATEWAY_API_GROUP) === GATEWAY_API_GROUP,
    );
  }
  return defaultRouteKinds(text(listener.protocol) ?? '').includes(routeKind);
}

/**
 * The hostnames a route answers on a listener: a listener without hostname takes every route
 * hostname; a route without hostnames takes the listener's; otherwise the hostnames both
 * name, the narrower of each pair (a `*.example.com` listener and `a.example.com` route share
 * `a.example.com`). Empty: the route and listener share none, and the route does not attach.
 * `['*']` stands for "any".
 */
export function sharedHostnames(
  listenerHostname: string | undefined,
  routeHostnames: readonly string[],
): string[] {
  const listener = listenerHostname ? [listenerHostname.toLowerCase()] : undefined;
  const route = routeHostnames.map((host) => host.toLowerCase());
  if (!listener) return route.length > 0 ? route : ['*'];
  if (route.length === 0) return listener;
  return hostIntersection(route, listener);
}

/**
 * The listeners of a Gateway a route attaches to through one parentRef: those named by its
 * sectionName and port (when given) that allow the route and share a hostname with it
 * (hostnames only for HTTP, gRPC and TLS routes; TCP routes have none).
 */
export function attachedListeners<L extends ListenerLike>(
  listeners: readonly L[],
  parent: ParentTarget,
  route: { kind: string; namespace: string; hostnames: readonly string[] },
  namespaceLabels: (namespace: string) => Record<string, string> | undefined,
): L[] {
  return listeners.filter((listener) => {
    if (parent.sectionName !== undefined && listener.name !== parent.sectionName) return false;
    if (parent.port !== undefined && listener.port !== parent.port) return false;
    if (!listenerAllows(listener, parent.namespace, route.kind, route.namespace, namespaceLabels))
      return false;
    if (route.kind === 'TCPRoute') return true;
    return sharedHostnames(text(listener.hostname), route.hostnames).length > 0;
  });
}

interface GrantLike {
  metadata: { namespace?: string };
  spec: {
    from?: ReadonlyArray<{ group?: unknown; kind?: unknown; namespace?: unknown }>;
    to?: ReadonlyArray<{ group?: unknown; kind?: unknown; name?: unknown }>;
  };
}

/**
 * Whether a ReferenceGrant in the target's namespace lets objects of `from` (a Gateway API kind
 * in a namespace) refer to the target (a Service, a Secret …, by name or all of its kind). A
 * reference within one namespace needs none.
 */
export function referenceGranted(
  grants: readonly GrantLike[],
  from: { kind: string; namespace: string },
  to: { group: string; kind: string; namespace: string; name: string },
): boolean {
  if (from.namespace === to.namespace) return true;
  return grants.some(
    (grant) =>
      grant.metadata.namespace === to.namespace &&
      Array.isArray(grant.spec.from) &&
      grant.spec.from.some(
        (f) => f.group === GATEWAY_API_GROUP && f.kind === from.kind && f.namespace === from.namespace,
      ) &&
      Array.isArray(grant.spec.to) &&
      grant.spec.to.some(
        (t) => t.group === to.group && t.kind === to.kind && (t.name === undefined || t.name === to.name),
      ),
  );
}

/** A listener's certificateRef that Istio refuses for want of a ReferenceGrant. */
export interface RefusedCertificate {
  path: string;
  listener: string;
  target: CertificateTarget;
}

const loose = (value: unknown): Loose =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : {};
const items = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * The certificateRefs of a Gateway's listeners that need a ReferenceGrant and have none: a core
 * Secret (Istio refuses other kinds outright: a grant fixes nothing) in another namespace, on a
 * listener that terminates TLS (a Passthrough listener reads no certificate), not allowed by
 * `grants`. `seen` says whether Weir sees the target's namespace: one it sees nothing of
 * (hidden, outside WEIR_NAMESPACES) may hold the grant. The one home for
 * GWAPI_CERTIFICATE_NOT_PERMITTED and for the grant offered to fix it.
 */
export function refusedCertificateRefs(
  gateway: { metadata: { namespace?: string }; spec: unknown },
  grants: readonly GrantLike[],
  seen: (namespace: string) => boolean,
): RefusedCertificate[] {
  const namespace = gateway.metadata.namespace ?? '';
  const refused: RefusedCertificate[] = [];
  items(loose(gateway.spec).listeners).forEach((value, l) => {
    const listener = loose(value);
    const tls = loose(listener.tls);
    if (tls.mode !== undefined && tls.mode !== 'Terminate') return;
    items(tls.certificateRefs).forEach((ref, c) => {
      const target = certificateTarget(loose(ref), namespace);
      if (!isSecretRef(target) || !target.name || target.namespace === namespace) return;
      if (!seen(target.namespace)) return;
      if (referenceGranted(grants, { kind: 'Gateway', namespace }, target)) return;
      refused.push({
        path: `spec.listeners[${l}].tls.certificateRefs[${c}]`,
        listener: String(listener.name ?? l),
        target,
      });
    });
  });
  return refused;
}

/** The filters Istio applies on a backendRef of an HTTPRoute or GRPCRoute: only the header modifiers. */
export const ISTIO_BACKEND_FILTERS: readonly string[] = ['RequestHeaderModifier', 'ResponseHeaderModifier'];

/** A backendRef filter istiod refuses, at its place in the rule. */
export interface RefusedBackendFilter {
  /** `backendRefs[1].filters[0]`, relative to the rule. */
  path: string;
  type: string;
}

/**
 * The backendRef filters of an HTTPRoute or GRPCRoute rule that istiod refuses: any type but the
 * header modifiers (RequestMirror, RequestRedirect, URLRewrite, ExtensionRef, CORS — all valid
 * for the CRD) on a backend that takes traffic. istiod's buildHTTPDestination and
 * buildGRPCDestination (pilot/pkg/config/kube/gateway/conversion.go of the pinned istio.io/istio)
 * skip a weight-0 backend before reading its filters, and answer any other type with the error
 * InvalidFilter, which drops every rule of the route (computeRoute's "hard error"). The one home
 * for GWAPI_BACKEND_FILTER_UNSUPPORTED, through routeRefusals.
 */
export function refusedBackendFilters(rule: unknown): RefusedBackendFilter[] {
  const refused: RefusedBackendFilter[] = [];
  items(loose(rule).backendRefs).forEach((value, b) => {
    const backend = loose(value);
    if (backend.weight === 0) return;
    items(backend.filters).forEach((filter, f) => {
      const type = loose(filter).type;
      if (typeof type === 'string' && ISTIO_BACKEND_FILTERS.includes(type)) return;
      refused.push({
        path: `backendRefs[${b}].filters[${f}]`,
        type: typeof type === 'string' ? type : String(type),
      });
    });
  });
  return refused;
}

/** The filters istiod applies in a rule's own `filters`, per route kind (convertHTTPRoute, convertGRPCRoute). */
export const ISTIO_RULE_FILTERS: Readonly<Record<'HTTPRoute' | 'GRPCRoute', readonly string[]>> = {
  HTTPRoute: [...ISTIO_BACKEND_FILTERS, 'RequestRedirect', 'RequestMirror', 'URLRewrite', 'CORS'],
  GRPCRoute: [...ISTIO_BACKEND_FILTERS, 'RequestMirror'],
};

/** Why istiod refuses a whole HTTPRoute or GRPCRoute, each with its own finding code. */
export type RouteRefusalCode =
  | 'GWAPI_BACKEND_FILTER_UNSUPPORTED'
  | 'GWAPI_RULE_FILTER_UNSUPPORTED'
  | 'GWAPI_BACKEND_NAME_IS_HOSTNAME'
  | 'GWAPI_BACKEND_PORT_MISSING';

/** One reason istiod refuses a route, at its place in the route. */
export interface RouteRefusal {
  code: RouteRefusalCode;
  rule: number;
  /** `spec.rules[0].backendRefs[1].filters[0]`, `spec.rules[0].filters[0]`, `spec.rules[0].backendRefs[1].name` or `….port`. */
  path: string;
  /** The backendRef it is on (`spec.rules[0].backendRefs[1]`), if any. */
  backend?: string;
  /** The refused filter's type, for the filter codes. */
  filterType?: string;
  /** What istiod says and does, in words that finish "istiod refuses it: …" (for the tracer and the validator). */
  reason: string;
}

/** The backend kinds istiod resolves to a host and so asks a port of (buildDestination): Service, Istio's Hostname, ServiceImport. */
function resolvedKind(target: BackendTarget): boolean {
  return (
    isServiceRef(target) ||
    (target.group === 'networking.istio.io' && target.kind === 'Hostname') ||
    (target.group === 'multicluster.x-k8s.io' && target.kind === 'ServiceImport')
  );
}

/**
 * Every reason istiod refuses a whole HTTPRoute or GRPCRoute: it builds none of its rules, marks
 * it ResolvedRefs=False, and every request it would take finds no route (404 unless another
 * route takes it). From pilot/pkg/config/kube/gateway/conversion.go of the pinned istio.io/istio,
 * where any ConfigError that is not a "invalid backend" one (isInvalidBackend: not found, not
 * permitted, unsupported kind — those only cost their backend's share) is a hard error that
 * computeRoute (route_collections.go) answers by keeping none of the route's rules:
 * - a rule filter of a type convertHTTPRoute / convertGRPCRoute do not handle (ExtensionRef,
 *   and for GRPCRoute anything but header modifiers and RequestMirror): InvalidFilter;
 * - on a backend of weight above 0 (buildHTTPDestination and buildGRPCDestination skip the
 *   others before reading anything of them), buildDestination's InvalidDestination: a Service
 *   named with a dot ("the name of the Service must be used, not the hostname") or a Service,
 *   Hostname or ServiceImport backendRef without a port ("port is required in backendRef") —
 *   unless the backend is in another namespace and not permitted there (`permitted`, false only
 *   at a Gateway: istiod checks ReferenceGrants first and drops just that backend) —, and a
 *   backendRef filter other than the header modifiers (refusedBackendFilters): InvalidFilter.
 * The one home for these codes in lib/validate and for the tracer (refusedRoute).
 */
export function routeRefusals(
  route: { kind: string; metadata: { namespace?: string }; spec: unknown },
  permitted: (target: BackendTarget) => boolean = () => true,
): RouteRefusal[] {
  if (route.kind !== 'HTTPRoute' && route.kind !== 'GRPCRoute') return [];
  const namespace = route.metadata.namespace ?? '';
  const handled = ISTIO_RULE_FILTERS[route.kind];
  const refusals: RouteRefusal[] = [];
  items(loose(route.spec).rules).forEach((value, r) => {
    const rule = loose(value);
    items(rule.filters).forEach((filter, f) => {
      const type = loose(filter).type;
      if (typeof type === 'string' && handled.includes(type)) return;
      const filterType = typeof type === 'string' ? type : String(type);
      refusals.push({
        code: 'GWAPI_RULE_FILTER_UNSUPPORTED',
        rule: r,
        path: `spec.rules[${r}].filters[${f}]`,
        filterType,
        reason: `istiod applies no ${filterType} filter in ${route.kind} rules (InvalidFilter)`,
      });
    });
    const backendFilters = refusedBackendFilters(rule);
    items(rule.backendRefs).forEach((written, b) => {
      const backend = `spec.rules[${r}].backendRefs[${b}]`;
      const ref = loose(written);
      if (ref.weight === 0) return;
      const target = backendTarget(ref, namespace);
      if (resolvedKind(target) && (target.namespace === namespace || permitted(target))) {
        if (isServiceRef(target) && target.name.includes('.'))
          refusals.push({
            code: 'GWAPI_BACKEND_NAME_IS_HOSTNAME',
            rule: r,
            path: `${backend}.name`,
            backend,
            reason: `a Service backendRef names the Service, not a host: ${target.name} has a dot (InvalidDestination)`,
          });
        else if (target.port === undefined)
          refusals.push({
            code: 'GWAPI_BACKEND_PORT_MISSING',
            rule: r,
            path: `${backend}.port`,
            backend,
            reason: `a ${target.kind} backendRef needs a port and ${target.name} has none (InvalidDestination)`,
          });
      }
      for (const filter of backendFilters.filter((f) => f.path.startsWith(`backendRefs[${b}].`)))
        refusals.push({
          code: 'GWAPI_BACKEND_FILTER_UNSUPPORTED',
          rule: r,
          path: `spec.rules[${r}].${filter.path}`,
          backend,
          filterType: filter.type,
          reason: `istiod applies only header modifiers on a backendRef, not ${filter.type} (InvalidFilter)`,
        });
    });
  });
  return refusals;
}

/** The first reason istiod refuses the whole HTTPRoute or GRPCRoute (routeRefusals), or undefined: the route is built. */
export function refusedRoute(
  route: { kind: string; metadata: { namespace?: string }; spec: unknown },
  permitted?: (target: BackendTarget) => boolean,
): RouteRefusal | undefined {
  return routeRefusals(route, permitted)[0];
}
