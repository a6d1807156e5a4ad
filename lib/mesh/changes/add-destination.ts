import { z } from 'zod';
import { InvalidError } from '../errors';
import type { RouteAddress } from '../route-address';
import { routeLabel, sameDestination } from '../routes';
import type { Destination, HTTPRoute, MeshObject, ObjectRef, RouteKind, VirtualService } from '../types';
import { effectiveWeights } from '../weights';
import type { EditKind } from './change-kind';
import { destinationInFull, destinationPhrase, routePhrase } from './phrases';
import { sameRouteIn } from './same-route';
import { checkTarget, routeBefore, routeToEdit, withRoute } from './target';
import { index, objectRef, routeKind } from './wire-fields';

/**
 * Adds a destination to the end of one route at weight 0 (the person then slides it up).
 * The others keep the weights Istio applies now, written out, so the route adds up to 100.
 */
export interface AddDestination {
  kind: 'AddDestination';
  target: ObjectRef;
  routeKind: RouteKind;
  routeIndex: number;
  destination: Destination;
}

export const addDestination: EditKind<AddDestination> = {
  kind: 'AddDestination',
  schema: z.object({
    kind: z.literal('AddDestination'),
    target: objectRef,
    routeKind,
    routeIndex: index,
    destination: z.object({
      host: z.string().min(1),
      subset: z.string().min(1).optional(),
      port: z.object({ number: z.number().int().min(1).max(65535) }).optional(),
    }),
  }),
  apply,
  // Only onto the same route with the same destinations: weights moved meanwhile are kept,
  // the new one joins at 0% beside them.
  rebase: (change, base, current) =>
    sameRouteIn(base, current, change.routeKind, change.routeIndex) ? change : undefined,
  describe(change, object) {
    const { where, destinations } = routePhrase(change, object);
    const destination = change.destination as Destination | undefined;
    const at = destinations.length === 0 ? 100 : 0;
    return `${where}: add ${destination ? destinationPhrase(destination) : 'a destination'} at ${at}%`;
  },
  invert(change, before) {
    const route = routeBefore(before, change.routeKind, change.routeIndex);
    const { target, routeKind, routeIndex } = change;
    return [
      {
        kind: 'RemoveDestination',
        target,
        routeKind,
        routeIndex,
        destinationIndex: (route.route ?? []).length,
      },
    ];
  },
  routeOf: ({ target, routeKind, routeIndex }): RouteAddress => ({ ref: target, routeKind, routeIndex }),
};

/**
 * Adds a destination at the end of a route, at 0% (alone, at 100%). The destinations already
 * there keep the share Istio gives them now, written out as whole percentages adding up to
 * 100. Refuses a destination the route already has, and a route that sends nowhere (a
 * redirect, a direct response, a delegation).
 */
function apply(object: MeshObject, change: AddDestination): VirtualService {
  const vs = checkTarget(object, change, ['VirtualService']);
  const route = routeToEdit(vs, change.routeKind, change.routeIndex);
  const where = `${vs.metadata.name} ${routeLabel(change.routeKind, change.routeIndex)}`;
  const destination = checkDestination(change.destination);
  const http = route as HTTPRoute;
  const instead = http.redirect
    ? 'redirects'
    : http.directResponse
      ? 'answers directly'
      : http.delegate
        ? 'delegates'
        : undefined;
  if (instead) throw new InvalidError(`${where} ${instead}: it has no destinations to add to`);

  const destinations = route.route ?? [];
  if (destinations.some((d) => sameDestination(d.destination, destination))) {
    throw new InvalidError(`${where} already sends to ${destinationInFull(destination)}`);
  }
  const weights = effectiveWeights(destinations.map((d) => d.weight));
  if (destinations.length > 1 && weights.every((w) => w === 0)) {
    // Istio refuses such a route already; adding at 0% would not make it valid.
    throw new InvalidError(`${where} has destinations whose weights are all 0: set its weights first`);
  }
  const weighted = [
    ...destinations.map((d, i) => (d.weight === weights[i] ? d : { ...d, weight: weights[i] })),
    { destination, weight: destinations.length === 0 ? 100 : 0 },
  ];
  return withRoute(vs, change.routeKind, change.routeIndex, { ...route, route: weighted });
}

// The destination as it will be written: only the fields given, nothing else carried in.
function checkDestination(value: unknown): Destination {
  if (value === null || typeof value !== 'object')
    throw new InvalidError('destination must be {host, subset?, port?}');
  const { host, subset, port } = value as Record<string, unknown>;
  if (typeof host !== 'string' || !/^[^\s/*]+$/.test(host)) {
    throw new InvalidError(`destination.host must be a host name, got ${JSON.stringify(host)}`);
  }
  if (subset !== undefined && (typeof subset !== 'string' || !/^\S+$/.test(subset))) {
    throw new InvalidError(`destination.subset must be a subset name, got ${JSON.stringify(subset)}`);
  }
  const number = port === undefined ? undefined : (port as { number?: unknown } | null)?.number;
  if (
    port !== undefined &&
    (!Number.isInteger(number) || (number as number) < 1 || (number as number) > 65535)
  ) {
    throw new InvalidError(
      `destination.port.number must be a port from 1 to 65535, got ${JSON.stringify(number)}`,
    );
  }
  return {
    host,
    ...(subset !== undefined && { subset: subset as string }),
    ...(number !== undefined && { port: { number: number as number } }),
  };
}
