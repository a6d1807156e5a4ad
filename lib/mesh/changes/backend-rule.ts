import { deepEqual } from '../deep-equal';
import { InvalidError } from '../errors';
import {
  type BackendRef,
  GATEWAY_ROUTE_KINDS,
  type GatewayRoute,
  type GatewayRouteKind,
} from '../gateway-api-types';
import { backendTarget } from '../resolve/gateway-api';
import type { MeshObject, ObjectRef } from '../types';
import { checkTarget } from './target';

// One rule of a Gateway API route (HTTPRoute, GRPCRoute, TCPRoute, TLSRoute) as the backend
// changes (AddBackend, RemoveBackend) find, rewrite and compare it.

/** A rule of a Gateway API route as it is written (every kind's rule has `backendRefs`). */
export interface BackendRule {
  name?: string;
  filters?: ReadonlyArray<{ type?: string }>;
  backendRefs?: BackendRef[];
}

/** The route a change targets, and the rule at `routeIndex`; InvalidError saying how many there are. */
export function ruleToEdit(
  object: MeshObject,
  change: { kind: string; target: ObjectRef; routeIndex: number },
): { route: GatewayRoute; rule: BackendRule; where: string } {
  const route = checkTarget(object, change, GATEWAY_ROUTE_KINDS as GatewayRouteKind[]) as GatewayRoute;
  const rules = (route.spec.rules ?? []) as BackendRule[];
  const rule = rules[change.routeIndex];
  if (!rule) {
    throw fieldError(
      'routeIndex',
      `${route.metadata.name} has no rules[${change.routeIndex}] (it has ${rules.length} rules)`,
    );
  }
  return { route, rule, where: `${route.metadata.name} rules[${change.routeIndex}]` };
}

/** A refusal about one field of the change record: the answer names it. */
export function fieldError(path: string, message: string): InvalidError {
  return new InvalidError(message, undefined, [{ path, message }]);
}

/** The route with one rule's backendRefs replaced; every other rule and field shared as it is. */
export function withBackends(
  route: GatewayRoute,
  routeIndex: number,
  backendRefs: BackendRef[],
): GatewayRoute {
  const rules = [...((route.spec.rules ?? []) as BackendRule[])];
  rules[routeIndex] = { ...rules[routeIndex], backendRefs };
  return { ...route, spec: { ...route.spec, rules } } as GatewayRoute;
}

/** The backendRefs of rule `routeIndex`, when `object` is a Gateway API route that has it. */
export function backendsOf(object: MeshObject, routeIndex: number): BackendRef[] | undefined {
  if (!(GATEWAY_ROUTE_KINDS as readonly string[]).includes(object.kind)) return undefined;
  const rule = ((object as GatewayRoute).spec.rules as BackendRule[] | undefined)?.[routeIndex];
  return rule ? (rule.backendRefs ?? []) : undefined;
}

/**
 * What a backendRef points at, with the defaults the resolver fills in (backendTarget: group
 * "", kind Service, the route's namespace): two refs that send to the same backend have the
 * same identity.
 */
export function backendIdentity(backend: BackendRef, routeNamespace: string): string {
  const { group, kind, namespace, name, port } = backendTarget({ ...backend }, routeNamespace);
  return [group, kind, namespace, name, port ?? ''].join('|');
}

/**
 * Rule `routeIndex` is the same rule in `base` and `current` (the same route): the same name
 * and matches, the same backends in the same order (weights may differ). What adding,
 * removing or weighing a backend needs to rebase, since they act on positions: a rule
 * reordered meanwhile is another rule.
 */
export function sameBackendsIn(base: MeshObject, current: MeshObject, routeIndex: number): boolean {
  if (base.kind !== current.kind || base.metadata.name !== current.metadata.name) return false;
  const before = ruleOf(base, routeIndex);
  const now = ruleOf(current, routeIndex);
  if (!before || !now) return false;
  if (before.name !== now.name || !deepEqual(before.matches, now.matches)) return false;
  const ns = base.metadata.namespace ?? '';
  return deepEqual(
    (before.backendRefs ?? []).map((b) => backendIdentity(b, ns)),
    (now.backendRefs ?? []).map((b) => backendIdentity(b, ns)),
  );
}

function ruleOf(object: MeshObject, routeIndex: number): (BackendRule & { matches?: unknown }) | undefined {
  if (!(GATEWAY_ROUTE_KINDS as readonly string[]).includes(object.kind)) return undefined;
  return ((object as GatewayRoute).spec.rules as BackendRule[] | undefined)?.[routeIndex];
}

/** `cart-v2:8080`, `cart.other:8080`: a backend as a person names it in a summary. */
export function backendPhrase(backend: BackendRef, routeNamespace: string): string {
  const namespace = backend.namespace && backend.namespace !== routeNamespace ? `.${backend.namespace}` : '';
  return `${backend.name}${namespace}${backend.port !== undefined ? `:${backend.port}` : ''}`;
}
