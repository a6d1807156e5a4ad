import type { ObjectRef, RouteKind } from '../mesh/types';
import type { TraceRequest } from './request';
import type { ConditionOutcome } from './string-match';

/** How the request ends. */
export type TraceOutcome =
  | { kind: 'routed' }
  | { kind: 'redirect'; status: number; location: string }
  | { kind: 'direct-response'; status: number; body?: string }
  | { kind: 'https-redirect'; status: 301; location: string }
  | { kind: 'not-found'; status: 404; why: string }
  | { kind: 'no-listener'; why: string }
  | { kind: 'closed'; why: string }
  | { kind: 'passthrough'; why: string }
  | { kind: 'blackhole'; why: string }
  /** Blocked or passed through as the outbound policy says, and Weir does not know the policy. */
  | { kind: 'policy-unknown'; why: string };

/** One line of the answer in words, in the order things happen. */
export interface TraceStep {
  kind:
    | 'entry'
    | 'listener'
    | 'host'
    | 'candidates'
    | 'route'
    | 'matched'
    | 'action'
    | 'destination'
    | 'hop'
    | 'outcome';
  ok: boolean;
  text: string;
  ref?: ObjectRef;
}

/** Where a route is written: its VirtualService and index, and through which delegate it was reached. */
export interface RouteAddress {
  vs: ObjectRef;
  routeKind: RouteKind;
  routeIndex: number;
  /** Which match block (absent for a route without matches). */
  matchIndex?: number;
  /** The route of the delegate VirtualService that the root route handed over to. */
  delegate?: { vs: ObjectRef; routeIndex: number; matchIndex?: number };
}

/** One route as Envoy would try it, and why it matched or did not. */
export interface RouteTry {
  at: RouteAddress;
  /** The route's name as Envoy sees it (Istio joins route and match names with '.'). */
  envoyName: string;
  matched: boolean;
  conditions: ConditionOutcome[];
}

/** A route block Istio never sends to this listener, and why. */
export interface SkippedRoute {
  at: RouteAddress;
  why: string;
}

/** A VirtualService considered for the request's host, in the order Istio reads them. */
export interface Candidate {
  vs: ObjectRef;
  hosts: string[];
  /** The server host or Service the VirtualService met the request through. */
  via: string;
}

export interface TracedDestination {
  /** As written in the route. */
  host: string;
  /** Istio's reading of it (the cluster's host). */
  fqdn: string;
  subset?: string;
  port: number;
  /** As written (absent: none given). */
  weight?: number;
  /** The fraction of matching requests it receives, 0..1. */
  share: number;
  /** Envoy's cluster: `outbound|port|subset|host`. */
  cluster: string;
  /** The Service or ServiceEntry behind the host, when Weir knows one. */
  service?: ObjectRef;
  /** Pods behind it (Service selector plus subset labels); absent when none are known. */
  pods?: { ready: number; total: number; names: string[] };
  /** Why this destination would not answer (unknown host, subset not defined, no ready pod). */
  warnings: string[];
}

/** What the matched route does to the request on its way. */
export interface RouteEffects {
  redirect?: { status: number; location: string };
  directResponse?: { status: number; body?: string };
  rewrite?: { path?: string; authority?: string };
  requestHeaders?: { set: Record<string, string>; add: Record<string, string>; remove: string[] };
  responseHeaders?: { set: Record<string, string>; add: Record<string, string>; remove: string[] };
  fault?: {
    delay?: { fixedDelay?: string; percent: number };
    abort?: { status?: number; grpcStatus?: string; percent: number };
  };
  mirrors: Array<{ host: string; subset?: string; port: number; cluster: string; percent: number }>;
  timeout?: string;
  retries?: { attempts?: number; perTryTimeout?: string; retryOn?: string };
  /** Each of the above in a sentence. */
  words: string[];
}

/** The whole answer. */
export interface TraceResult {
  request: TraceRequest;
  entry:
    | { kind: 'gateway'; gateway: ObjectRef; proxyNamespace: string }
    | { kind: 'kubernetes-gateway'; gateway: ObjectRef }
    | { kind: 'mesh'; namespace: string; labels: Record<string, string> };
  outcome: TraceOutcome;
  steps: TraceStep[];
  /** The gateway server that accepted the request (gateway entry). */
  server?: { gateway: ObjectRef; index: number; port: number; protocol: string; hosts: string[] };
  /** The virtual host Envoy chose: its domain. */
  virtualHost?: string;
  candidates: Candidate[];
  tried: RouteTry[];
  skipped: SkippedRoute[];
  matched?: RouteTry;
  effects?: RouteEffects;
  destinations: TracedDestination[];
  /** Set when Gateway API routes answered the request (a Gateway API Gateway, or a GAMMA route of the Service called). */
  gatewayApi?: GatewayApiTrace;
  /** Problems in the configuration met on the way (a regex RE2 refuses). */
  problems: string[];
  /**
   * Gateways the request went on through (sidecar → egress gateway → external host): each with
   * the destination that led there. The steps, outcome and destinations are then the whole
   * chain's: those of the last hop.
   */
  hops?: TraceHop[];
}

/** One gateway a request went on through: the destination (its Service) the leg before sent to. */
export interface TraceHop {
  gateway: ObjectRef;
  via: { fqdn: string; port: number; subset?: string };
  server?: TraceResult['server'];
}

/** What `POST /api/trace` answers: the trace, and for a past time which time and how exactly it was rebuilt. */
export interface TraceAnswer {
  sequence: number;
  result: TraceResult;
  past?: { at: string; approximate: string[]; complete: boolean };
}

/** One rule match of a Gateway API route, as tried. */
export interface GatewayApiTry {
  route: ObjectRef;
  ruleIndex: number;
  /** Absent for a rule without matches. */
  matchIndex?: number;
  matched: boolean;
  conditions: ConditionOutcome[];
}

/** How Gateway API routes answered: the listener or Service they are attached to, the routes for the host, each match tried in precedence order. */
export interface GatewayApiTrace {
  /** The Gateway listener that took the request (gateway entry). */
  listener?: { gateway: ObjectRef; name: string; port: number; protocol: string; hostname?: string };
  /** The Service the request was sent to, whose GAMMA routes answered (mesh entry). */
  service?: ObjectRef;
  /** The hostname of the routes that won the request's host (`*` for any). */
  hostname?: string;
  routes: ObjectRef[];
  tried: GatewayApiTry[];
  matched?: GatewayApiTry;
}
