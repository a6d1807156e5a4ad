import { z } from 'zod';
import { InvalidError } from '../errors';
import type { GatewayRoute } from '../gateway-api-types';
import { backendShares } from '../resolve/gateway-api';
import type { RouteAddress } from '../route-address';
import type { MeshObject, ObjectRef } from '../types';
import {
  backendPhrase,
  backendsOf,
  fieldError,
  ruleToEdit,
  sameBackendsIn,
  withBackends,
} from './backend-rule';
import type { EditKind } from './change-kind';
import { ruleAt } from './set-rule';
import { index, objectRef } from './wire-fields';

/**
 * Removes one backendRef of one rule of a Gateway API route. The others keep their weights as
 * written: weights are relative, so its share goes to them in proportion by itself.
 */
export interface RemoveBackend {
  kind: 'RemoveBackend';
  target: ObjectRef;
  routeKind: 'rules';
  routeIndex: number;
  backendIndex: number;
}

export const removeBackend: EditKind<RemoveBackend> = {
  kind: 'RemoveBackend',
  schema: z.object({
    kind: z.literal('RemoveBackend'),
    target: objectRef,
    routeKind: z.literal('rules'),
    routeIndex: index,
    backendIndex: index,
  }),
  apply,
  // Only from the same rule with the same backends: the others' weights are kept as they are now.
  rebase: (change, base, current) => (sameBackendsIn(base, current, change.routeIndex) ? change : undefined),
  describe,
  // The rule exactly as it was: the backend back at its place, with its own filters and the
  // weights as written.
  invert(change, before) {
    const { target, routeKind, routeIndex, backendIndex } = change;
    const rule = ruleAt(before, routeIndex);
    if (!rule?.backendRefs?.[backendIndex]) {
      throw new InvalidError(`there was no backendRef ${backendIndex} to remove`);
    }
    return [{ kind: 'SetRule', target, routeKind, routeIndex, rule }];
  },
  routeOf: ({ target, routeIndex }): RouteAddress => ({ ref: target, routeKind: 'rules', routeIndex }),
};

/**
 * Removes one backendRef; the others are left exactly as written. Refuses the last one (a
 * rule must send its traffic somewhere) and a removal that leaves only backends at weight 0
 * (the rule would answer every request with 500).
 */
function apply(object: MeshObject, change: RemoveBackend): GatewayRoute {
  const { route, rule, where } = ruleToEdit(object, change);
  const backends = rule.backendRefs ?? [];
  const at = change.backendIndex;
  if (!Number.isInteger(at) || at < 0 || at >= backends.length) {
    throw fieldError(
      'backendIndex',
      `${where} has no backendRef ${JSON.stringify(at)} (it has ${backends.length})`,
    );
  }
  if (backends.length === 1) {
    throw fieldError(
      'backendIndex',
      `${where} has only this backend: a rule must send its traffic somewhere. Add another backend first, or remove the rule.`,
    );
  }
  const shares = backendShares(backends.map((b) => b.weight));
  // As AddBackend: a rule whose weights are all 0 answers 500 already; its weights come first
  // (and an undo of the removal, an AddBackend, would be refused).
  if (shares.every((s) => s === 0)) {
    throw fieldError('backendIndex', `${where} has backendRefs all at weight 0: set its weights first`);
  }
  const kept = backends.filter((_, i) => i !== at);
  const carried = shares[at] ?? 0;
  if (carried > 0 && backendShares(kept.map((b) => b.weight)).every((s) => s === 0)) {
    throw fieldError(
      'backendIndex',
      `${where}: the other backends all have weight 0, so the rule would answer every request with 500. Give another backend a share first.`,
    );
  }
  return withBackends(route, change.routeIndex, kept);
}

/** `cart rules[0]: remove cart-v2:8080 (10%), cart-v1:8080 90% → 100%`. */
function describe(change: RemoveBackend, object: MeshObject): string {
  const where = `${object.metadata.name} rules[${change.routeIndex}]`;
  const backends = backendsOf(object, change.routeIndex) ?? [];
  const removed = backends[change.backendIndex];
  if (!removed) return `${where}: remove backendRef ${change.backendIndex}`;
  const namespace = object.metadata.namespace ?? '';
  const before = backendShares(backends.map((b) => b.weight));
  const others = backends.filter((_, i) => i !== change.backendIndex);
  const was = before.filter((_, i) => i !== change.backendIndex);
  const after = backendShares(others.map((b) => b.weight));
  const moves = others
    .map((b, i) =>
      was[i] === after[i] ? undefined : `${backendPhrase(b, namespace)} ${was[i]}% → ${after[i]}%`,
    )
    .filter((move) => move !== undefined);
  const carried = `${backendPhrase(removed, namespace)} (${before[change.backendIndex]}%)`;
  return `${where}: remove ${carried}${moves.length > 0 ? `, ${moves.join(', ')}` : ''}`;
}
