import { z } from 'zod';
import { deepEqual } from '../deep-equal';
import { InvalidError } from '../errors';
import type { AnyRouteRule, GatewayRoute, GatewayRouteKind } from '../gateway-api-types';
import { GATEWAY_ROUTE_KINDS } from '../gateway-api-types';
import type { RouteAddress } from '../route-address';
import type { MeshObject, ObjectRef } from '../types';
import type { EditKind } from './change-kind';
import { describeBySpec } from './spec-summary';
import { checkTarget } from './target';
import { fields, index, objectRef } from './wire-fields';

/**
 * Replaces one rule of a Gateway API route (HTTPRoute, GRPCRoute, TCPRoute, TLSRoute) whole:
 * its matches, filters, backendRefs and timeouts. The rule form builds it from the rule as it
 * is, so fields it does not show are carried over. A VirtualService route's SetRoute, for
 * the Gateway API.
 */
export interface SetRule {
  kind: 'SetRule';
  target: ObjectRef;
  routeKind: 'rules';
  routeIndex: number;
  rule: AnyRouteRule;
}

const KINDS = GATEWAY_ROUTE_KINDS as GatewayRouteKind[];

const apply: EditKind<SetRule>['apply'] = (object, change) => {
  const route = checkTarget(object, change, KINDS) as GatewayRoute;
  const rules: readonly AnyRouteRule[] = route.spec.rules ?? [];
  const { routeIndex, rule } = change;
  if (!rules[routeIndex]) {
    throw new InvalidError(
      `routeIndex: ${route.metadata.name} has no rules[${routeIndex}] (it has ${rules.length} rules)`,
    );
  }
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) {
    throw new InvalidError('rule: a rule must be a mapping of fields');
  }
  const next = rules.map((r, i) => (i === routeIndex ? rule : r));
  return { ...route, spec: { ...route.spec, rules: next } } as GatewayRoute;
};

/** The rule at `routeIndex` of a Gateway API route, if the object is one and has it. */
export function ruleAt(object: MeshObject, routeIndex: number): AnyRouteRule | undefined {
  if (!(GATEWAY_ROUTE_KINDS as readonly string[]).includes(object.kind)) return undefined;
  return (object as GatewayRoute).spec.rules?.[routeIndex];
}

export const setRule: EditKind<SetRule> = {
  kind: 'SetRule',
  schema: z.object({
    kind: z.literal('SetRule'),
    target: objectRef,
    routeKind: z.literal('rules'),
    routeIndex: index,
    rule: fields,
  }),
  apply,
  // Only while that rule is exactly what it was (a weight moved meanwhile is a real conflict:
  // the form would put the old weight back).
  rebase(change, base, current) {
    if (base.kind !== current.kind || base.metadata.name !== current.metadata.name) return undefined;
    const was = ruleAt(base, change.routeIndex);
    return was !== undefined && deepEqual(was, ruleAt(current, change.routeIndex)) ? change : undefined;
  },
  describe: describeBySpec(apply),
  invert(change, before) {
    const rule = ruleAt(before, change.routeIndex);
    if (!rule) throw new InvalidError(`there was no rules[${change.routeIndex}] to change`);
    return [{ ...change, rule }];
  },
  routeOf: ({ target, routeIndex }): RouteAddress => ({ ref: target, routeKind: 'rules', routeIndex }),
};
