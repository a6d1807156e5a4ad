import { z } from 'zod';
import { deepEqual } from '../deep-equal';
import { InvalidError } from '../errors';
import type { BackendRef, GatewayRoute, GatewayRouteKind } from '../gateway-api-types';
import { GATEWAY_ROUTE_KINDS } from '../gateway-api-types';
import { backendShares } from '../resolve/gateway-api';
import type { RouteAddress } from '../route-address';
import type { MeshObject, ObjectRef, StoredObject } from '../types';
import { apportion } from '../weights';
import { backendsOf, sameBackendsIn } from './backend-rule';
import type { EditKind } from './change-kind';
import { checkPercentages } from './check-percentages';
import { checkTarget } from './target';
import { index, objectRef } from './wire-fields';

/**
 * Sets the shares of every backendRef of one rule of a Gateway API route (HTTPRoute,
 * GRPCRoute, TCPRoute, TLSRoute), in backend order, as whole percentages adding up to 100 —
 * what the sliders show. Gateway API weights are relative, so they are written as integer
 * weights that give exactly these shares, keeping the rule's total where that can be done
 * (9/1 moved to 70/30 is written 7/3; 1/1 moved to 70/30 is written 70/30).
 */
export interface SetBackendWeights {
  kind: 'SetBackendWeights';
  target: ObjectRef;
  routeKind: 'rules';
  routeIndex: number;
  weights: number[];
  /** The total to write the weights with, when it can give these shares (an undo puts the old one back). */
  total?: number;
  /**
   * The weights exactly as they were, `null` where a backendRef had none (an undo): written as
   * they stand when they give these shares, so an undo restores the spec, not only the shares.
   */
  written?: (number | null)[];
}

export const setBackendWeights: EditKind<SetBackendWeights> = {
  kind: 'SetBackendWeights',
  schema: z.object({
    kind: z.literal('SetBackendWeights'),
    target: objectRef,
    routeKind: z.literal('rules'),
    routeIndex: index,
    weights: z.array(z.number()).min(1),
    total: z.number().int().min(1).max(1_000_000).optional(),
    written: z.array(z.number().int().min(0).max(1_000_000).nullable()).optional(),
  }),
  apply,
  // Clean: the same rule with the same backends, and nobody else changed their weights in
  // between (a controller stepping a canary is a real conflict, as for VirtualServices).
  rebase(change, base, current) {
    if (!sameBackendsIn(base, current, change.routeIndex)) return undefined;
    const was = backendsOf(base, change.routeIndex) ?? [];
    const now = backendsOf(current, change.routeIndex) ?? [];
    if (was.length !== change.weights.length) return undefined;
    const sharesNow = backendShares(now.map((b) => b.weight));
    const untouched = deepEqual(
      was.map((b) => b.weight),
      now.map((b) => b.weight),
    );
    return untouched || deepEqual(sharesNow, change.weights) ? change : undefined;
  },
  describe,
  invert(change, before) {
    const backends = backendsOf(before, change.routeIndex) ?? [];
    const weights = backends.map((b) => b.weight);
    return [
      {
        ...change,
        weights: backendShares(weights),
        total: totalOf(weights) || undefined,
        written: weights.map((weight) => weight ?? null),
      },
    ];
  },
  routeOf: ({ target, routeIndex }): RouteAddress => ({ ref: target, routeKind: 'rules', routeIndex }),
};

function apply(object: MeshObject, change: SetBackendWeights): GatewayRoute {
  const route = checkTarget(object, change, GATEWAY_ROUTE_KINDS as GatewayRouteKind[]) as GatewayRoute;
  const { routeIndex, weights } = change;
  const rules = route.spec.rules ?? [];
  const rule = rules[routeIndex];
  const where = `${route.metadata.name} rules[${routeIndex}]`;
  if (!rule)
    throw new InvalidError(
      `${route.metadata.name} has no rules[${routeIndex}] (it has ${rules.length} rules)`,
    );
  const backends = rule.backendRefs ?? [];
  if (backends.length === 0) throw new InvalidError(`${where} has no backendRefs to weigh`);
  checkPercentages(where, backends.length, 'backendRefs', weights);
  const next = [...rules];
  next[routeIndex] = { ...rule, backendRefs: weighted(backends, change) };
  return { ...route, spec: { ...route.spec, rules: next } } as GatewayRoute;
}

/**
 * The backendRefs with weights giving the change's shares: the exact weights it carries (an
 * undo; `null` leaves the field out, as the author had it) when those give the shares, else
 * integer weights with the rule's total.
 */
function weighted(backends: readonly BackendRef[], change: SetBackendWeights): BackendRef[] {
  const exact = change.written;
  if (
    exact?.length === backends.length &&
    deepEqual(backendShares(exact.map((w) => w ?? undefined)), [...change.weights])
  ) {
    return backends.map((backend, i) => {
      const { weight: _old, ...rest } = backend;
      const weight = exact[i];
      return weight === null || weight === undefined ? rest : { ...rest, weight };
    });
  }
  const written = weightsForShares(change.weights, change.total ?? totalOf(backends.map((b) => b.weight)));
  return backends.map((b, i) => ({ ...b, weight: written[i] }));
}

/**
 * Integer weights with exactly `shares` (whole percentages adding up to 100) as their
 * shares: with `total` as their sum when that gives them (largest remainders), else the
 * shares themselves (sum 100).
 */
export function weightsForShares(shares: readonly number[], total: number): number[] {
  if (total > 0 && total !== 100) {
    const weights = apportion(shares, total);
    if (deepEqual(backendShares(weights), [...shares])) return weights;
  }
  return [...shares];
}

/** The sum of a rule's weights as the Gateway API reads them (a missing weight is 1). */
function totalOf(weights: ReadonlyArray<number | undefined>): number {
  return weights.reduce<number>((sum, weight) => sum + (weight === undefined ? 1 : Math.max(0, weight)), 0);
}

/** A rule's weights as written (`null` where a backendRef has none), for an undo that restores them. */
export function writtenWeights(
  object: StoredObject | undefined,
  routeIndex: number,
): (number | null)[] | undefined {
  if (!object || object.kind === 'Invalid') return undefined;
  return backendsOf(object, routeIndex)?.map((b) => b.weight ?? null);
}

/** `cart rules[0]: cart-v1 90% → 70%, cart-v2 10% → 30%`. */
function describe(change: SetBackendWeights, object: MeshObject): string {
  const where = `${object.metadata.name} rules[${change.routeIndex}]`;
  const backends = backendsOf(object, change.routeIndex) ?? [];
  if (!Array.isArray(change.weights) || backends.length !== change.weights.length) {
    return `${where}: weights set${Array.isArray(change.weights) ? ` to ${change.weights.map((w) => `${w}%`).join(', ')}` : ''}`;
  }
  const before = backendShares(backends.map((b) => b.weight));
  const names = backends.map((b) => `${b.name}${b.port !== undefined ? `:${b.port}` : ''}`);
  const labels = new Set(names).size === names.length ? names : names.map((n, i) => `${n}#${i}`);
  const moves = change.weights
    .map((after, i) => (before[i] === after ? undefined : `${labels[i]} ${before[i]}% → ${after}%`))
    .filter((move) => move !== undefined);
  return moves.length > 0 ? `${where}: ${moves.join(', ')}` : `${where}: weights unchanged`;
}
