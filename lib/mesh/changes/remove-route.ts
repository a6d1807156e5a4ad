import { z } from 'zod';
import type { RouteAddress } from '../route-address';
import type { ObjectRef, RouteKind } from '../types';
import type { EditKind } from './change-kind';
import { sameRouteList } from './same-route';
import { describeBySpec } from './spec-summary';
import { checkTarget, routeBefore, routeList, routeToEdit, withRoutes } from './target';
import { index, objectRef, routeKind } from './wire-fields';

export interface RemoveRoute {
  kind: 'RemoveRoute';
  target: ObjectRef;
  routeKind: RouteKind;
  routeIndex: number;
}

const apply: EditKind<RemoveRoute>['apply'] = (object, change) => {
  const vs = checkTarget(object, change, ['VirtualService']);
  routeToEdit(vs, change.routeKind, change.routeIndex);
  const routes = routeList(vs, change.routeKind).filter((_, i) => i !== change.routeIndex);
  return withRoutes(vs, change.routeKind, routes);
};

export const removeRoute: EditKind<RemoveRoute> = {
  kind: 'RemoveRoute',
  schema: z.object({ kind: z.literal('RemoveRoute'), target: objectRef, routeKind, routeIndex: index }),
  apply,
  rebase: (change, base, current) => (sameRouteList(base, current, change.routeKind) ? change : undefined),
  describe: describeBySpec(apply),
  // Put back at its place.
  invert: ({ target, routeKind, routeIndex }, before) => [
    {
      kind: 'AddRoute',
      target,
      routeKind,
      index: routeIndex,
      route: routeBefore(before, routeKind, routeIndex),
    },
  ],
  routeOf: ({ target, routeKind, routeIndex }): RouteAddress => ({ ref: target, routeKind, routeIndex }),
};
