import type { ObjectMeta, SourceLocation } from './types';

/**
 * Weir's types for the Kubernetes Gateway API (gateway.networking.k8s.io), typed for the
 * fields Weir draws, validates and edits; everything else stays on the object at run time.
 *
 * The Gateway API's `Gateway` shares its kind name with Istio's. Weir keys objects by kind,
 * so it holds it as `KubernetesGateway` (Istio's own name for it, gvk.KubernetesGateway) and
 * writes `Gateway` back in manifests.
 */
export type GatewayApiKind =
  | 'KubernetesGateway'
  | 'GatewayClass'
  | 'HTTPRoute'
  | 'GRPCRoute'
  | 'TCPRoute'
  | 'TLSRoute'
  | 'ReferenceGrant';

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/** The label Istio's deployment controller puts on a Gateway's pods (and its Service selects). */
export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

export const GATEWAY_API_KINDS: readonly GatewayApiKind[] = [
  'KubernetesGateway',
  'GatewayClass',
  'HTTPRoute',
  'GRPCRoute',
  'TCPRoute',
  'TLSRoute',
  'ReferenceGrant',
];

/** The route kinds: the ones Weir edits. */
export type GatewayRouteKind = 'HTTPRoute' | 'GRPCRoute' | 'TCPRoute' | 'TLSRoute';
export const GATEWAY_ROUTE_KINDS: readonly GatewayRouteKind[] = [
  'HTTPRoute',
  'GRPCRoute',
  'TCPRoute',
  'TLSRoute',
];

/** The kind in a manifest: `Gateway` for the one Weir holds as `KubernetesGateway`. */
export function manifestKindOf(kind: string): string {
  return kind === 'KubernetesGateway' ? 'Gateway' : kind;
}

interface GatewayApiResource<K extends GatewayApiKind, S> {
  kind: K;
  apiVersion: string;
  metadata: ObjectMeta;
  spec: S;
  status?: GatewayApiStatus;
  source?: SourceLocation;
}

// ---- shared pieces ----------------------------------------------------------------------

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  observedGeneration?: number;
}

/** A route's parent (Gateway, listener, or a Service for mesh routes). Defaults: group gateway.networking.k8s.io, kind Gateway, the route's namespace. */
export interface ParentReference {
  group?: string;
  kind?: string;
  namespace?: string;
  name: string;
  sectionName?: string;
  port?: number;
}

/** Defaults: group "" and kind Service, the route's namespace. */
export interface BackendRef {
  group?: string;
  kind?: string;
  namespace?: string;
  name: string;
  port?: number;
  /** Relative: the share is weight / sum of the rule's weights. Default 1. */
  weight?: number;
  filters?: RouteFilter[];
}

export interface HTTPHeader {
  name: string;
  value: string;
}

export interface HeaderModifier {
  set?: HTTPHeader[];
  add?: HTTPHeader[];
  remove?: string[];
}

export interface HTTPPathModifier {
  type: string;
  replaceFullPath?: string;
  replacePrefixMatch?: string;
}

/** One filter of a rule or backend; HTTP and gRPC share the shape. */
export interface RouteFilter {
  type: string;
  requestHeaderModifier?: HeaderModifier;
  responseHeaderModifier?: HeaderModifier;
  requestRedirect?: {
    scheme?: string;
    hostname?: string;
    path?: HTTPPathModifier;
    port?: number;
    statusCode?: number;
  };
  urlRewrite?: { hostname?: string; path?: HTTPPathModifier };
  requestMirror?: {
    backendRef: BackendRef;
    percent?: number;
    fraction?: { numerator: number; denominator?: number };
  };
  cors?: Record<string, unknown>;
  extensionRef?: { group: string; kind: string; name: string };
}

export interface HTTPRouteMatch {
  path?: { type?: string; value?: string };
  headers?: Array<{ type?: string; name: string; value: string }>;
  queryParams?: Array<{ type?: string; name: string; value: string }>;
  method?: string;
}

export interface GRPCRouteMatch {
  method?: { type?: string; service?: string; method?: string };
  headers?: Array<{ type?: string; name: string; value: string }>;
}

export interface HTTPRouteRule {
  name?: string;
  matches?: HTTPRouteMatch[];
  filters?: RouteFilter[];
  backendRefs?: BackendRef[];
  timeouts?: { request?: string; backendRequest?: string };
}

export interface GRPCRouteRule {
  name?: string;
  matches?: GRPCRouteMatch[];
  filters?: RouteFilter[];
  backendRefs?: BackendRef[];
}

export interface L4RouteRule {
  name?: string;
  backendRefs?: BackendRef[];
}

export interface RouteParentStatus {
  parentRef: ParentReference;
  controllerName?: string;
  conditions?: Condition[];
}

export interface GatewayApiStatus {
  parents?: RouteParentStatus[];
  conditions?: Condition[];
  listeners?: Array<{ name: string; conditions?: Condition[]; attachedRoutes?: number }>;
}

// ---- Gateway and GatewayClass ----------------------------------------------------------

export interface RouteGroupKind {
  group?: string;
  kind: string;
}

export interface AllowedRoutes {
  namespaces?: {
    from?: 'All' | 'Same' | 'Selector' | string;
    selector?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
  };
  kinds?: RouteGroupKind[];
}

export interface Listener {
  name: string;
  hostname?: string;
  port: number;
  protocol: string;
  tls?: {
    mode?: 'Terminate' | 'Passthrough' | string;
    certificateRefs?: Array<{ group?: string; kind?: string; name: string; namespace?: string }>;
    options?: Record<string, string>;
  };
  allowedRoutes?: AllowedRoutes;
}

export interface KubernetesGatewaySpec {
  gatewayClassName?: string;
  listeners?: Listener[];
  addresses?: Array<{ type?: string; value: string }>;
}

export interface GatewayClassSpec {
  controllerName?: string;
  description?: string;
}

export interface ReferenceGrantSpec {
  from?: Array<{ group: string; kind: string; namespace: string }>;
  to?: Array<{ group: string; kind: string; name?: string }>;
}

// ---- routes ------------------------------------------------------------------------------

export interface HTTPRouteSpec {
  parentRefs?: ParentReference[];
  hostnames?: string[];
  rules?: HTTPRouteRule[];
}

export interface GRPCRouteSpec {
  parentRefs?: ParentReference[];
  hostnames?: string[];
  rules?: GRPCRouteRule[];
}

export interface TCPRouteSpec {
  parentRefs?: ParentReference[];
  rules?: L4RouteRule[];
}

export interface TLSRouteSpec {
  parentRefs?: ParentReference[];
  hostnames?: string[];
  rules?: L4RouteRule[];
}

export type KubernetesGateway = GatewayApiResource<'KubernetesGateway', KubernetesGatewaySpec>;
export type GatewayClass = GatewayApiResource<'GatewayClass', GatewayClassSpec>;
export type ReferenceGrant = GatewayApiResource<'ReferenceGrant', ReferenceGrantSpec>;
export type GwHTTPRoute = GatewayApiResource<'HTTPRoute', HTTPRouteSpec>;
export type GwGRPCRoute = GatewayApiResource<'GRPCRoute', GRPCRouteSpec>;
export type GwTCPRoute = GatewayApiResource<'TCPRoute', TCPRouteSpec>;
export type GwTLSRoute = GatewayApiResource<'TLSRoute', TLSRouteSpec>;

export type GatewayRoute = GwHTTPRoute | GwGRPCRoute | GwTCPRoute | GwTLSRoute;
export type GatewayApiObject = KubernetesGateway | GatewayClass | ReferenceGrant | GatewayRoute;

/** Any route's rules, read the same way: each may have matches, filters and backendRefs. */
export type AnyRouteRule = HTTPRouteRule | GRPCRouteRule | L4RouteRule;
