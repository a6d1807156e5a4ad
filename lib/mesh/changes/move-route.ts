import { z } from 'zod';
import type { RouteAddress } from '../route-address';
import type { AnyRoute } from '../routes';
import type { ObjectRef, RouteKind } from '../types';
import type { EditKind } from './change-kind';
import { sameRouteList } from './same-route';
import { describeBySpec } from './spec-summary';
import { checkTarget, routeList, routeToEdit, withRoutes } from './target';
import { index, objectRef, routeKind } from './wire-fields';

/** Moves the route at `from` so that it ends up at `to` (routes are tried in order). */
export interface MoveRoute {
  kind: 'MoveRoute';
  target: ObjectRef;
  routeKind: RouteKind;
  from: number;
  to: number;
}

const apply: EditKind<MoveRoute>['apply'] = (object, change) => {
  const vs = checkTarget(object, change, ['VirtualService']);
  const moved: AnyRoute = routeToEdit(vs, change.routeKind, change.from);
  routeToEdit(vs, change.routeKind, change.to);
  const rest = routeList(vs, change.routeKind).filter((_, i) => i !== change.from);
  return withRoutes(vs, change.routeKind, [...rest.slice(0, change.to), moved, ...rest.slice(change.to)]);
};

export const moveRoute: EditKind<MoveRoute> = {
  kind: 'MoveRoute',
  schema: z.object({ kind: z.literal('MoveRoute'), target: objectRef, routeKind, from: index, to: index }),
  apply,
  rebase: (change, base, current) => (sameRouteList(base, current, change.routeKind) ? change : undefined),
  describe: describeBySpec(apply),
  invert: ({ target, routeKind, from, to }) => [{ kind: 'MoveRoute', target, routeKind, from: to, to: from }],
  // Its status is kept where the route was picked up.
  routeOf: ({ target, routeKind, from }): RouteAddress => ({ ref: target, routeKind, routeIndex: from }),
};
