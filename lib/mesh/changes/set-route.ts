import { z } from 'zod';
import { deepEqual } from '../deep-equal';
import type { RouteAddress } from '../route-address';
import { type AnyRoute, routesOf } from '../routes';
import type { ObjectRef, RouteKind } from '../types';
import type { EditKind } from './change-kind';
import { describeBySpec } from './spec-summary';
import { checkRouteFields, checkTarget, routeBefore, routeToEdit, withRoute } from './target';
import { fields, index, objectRef, routeKind } from './wire-fields';

/** Replaces one route whole: the form builds it from the current route, so unknown fields stay. */
export interface SetRoute {
  kind: 'SetRoute';
  target: ObjectRef;
  routeKind: RouteKind;
  routeIndex: number;
  route: AnyRoute;
}

const apply: EditKind<SetRoute>['apply'] = (object, change) => {
  const vs = checkTarget(object, change, ['VirtualService']);
  routeToEdit(vs, change.routeKind, change.routeIndex);
  checkRouteFields(change.route);
  return withRoute(vs, change.routeKind, change.routeIndex, change.route);
};

export const setRoute: EditKind<SetRoute> = {
  kind: 'SetRoute',
  schema: z.object({
    kind: z.literal('SetRoute'),
    target: objectRef,
    routeKind,
    routeIndex: index,
    route: fields,
  }),
  apply,
  // Only while that route is exactly what it was.
  rebase(change, base, current) {
    if (base.kind !== 'VirtualService' || current.kind !== 'VirtualService') return undefined;
    if (base.metadata.name !== current.metadata.name) return undefined;
    const route = routesOf(base, change.routeKind)[change.routeIndex];
    const now = routesOf(current, change.routeKind)[change.routeIndex];
    return route !== undefined && deepEqual(route, now) ? change : undefined;
  },
  describe: describeBySpec(apply),
  invert: (change, before) => [
    { ...change, route: routeBefore(before, change.routeKind, change.routeIndex) },
  ],
  routeOf: ({ target, routeKind, routeIndex }): RouteAddress => ({ ref: target, routeKind, routeIndex }),
};
