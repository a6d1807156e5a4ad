import { z } from 'zod';
import { InvalidError } from '../errors';
import type { RouteAddress } from '../route-address';
import type { AnyRoute } from '../routes';
import type { ObjectRef, RouteKind } from '../types';
import type { EditKind } from './change-kind';
import { sameRouteList } from './same-route';
import { describeBySpec } from './spec-summary';
import { checkRouteFields, checkTarget, routeList, withRoutes } from './target';
import { fields, index, objectRef, routeKind } from './wire-fields';

/** Inserts a route at `index` (0 = first, tried before every other route; length = last). */
export interface AddRoute {
  kind: 'AddRoute';
  target: ObjectRef;
  routeKind: RouteKind;
  index: number;
  route: AnyRoute;
}

const apply: EditKind<AddRoute>['apply'] = (object, change) => {
  const vs = checkTarget(object, change, ['VirtualService']);
  const routes = routeList(vs, change.routeKind);
  const at = change.index;
  if (!Number.isInteger(at) || at < 0 || at > routes.length) {
    throw new InvalidError(`a new ${change.routeKind} route goes at 0 to ${routes.length}, not ${at}`);
  }
  checkRouteFields(change.route);
  return withRoutes(vs, change.routeKind, [...routes.slice(0, at), change.route, ...routes.slice(at)]);
};

export const addRoute: EditKind<AddRoute> = {
  kind: 'AddRoute',
  schema: z.object({ kind: z.literal('AddRoute'), target: objectRef, routeKind, index, route: fields }),
  apply,
  rebase: (change, base, current) => (sameRouteList(base, current, change.routeKind) ? change : undefined),
  describe: describeBySpec(apply),
  invert: ({ target, routeKind, index }) => [{ kind: 'RemoveRoute', target, routeKind, routeIndex: index }],
  routeOf: ({ target, routeKind, index }): RouteAddress => ({ ref: target, routeKind, routeIndex: index }),
};
