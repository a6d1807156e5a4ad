import { backendShareChanges } from './backend-share-changes';
import { summarizeSpecChange } from './changes/summarize-spec-change';
import { GATEWAY_API_KINDS, type GatewayApiKind } from './gateway-api-types';
import type { DestinationWeight, RouteWeightsChange } from './history';
import { ROUTE_KINDS, routesOf } from './routes';
import type { MeshObject, VirtualService } from './types';
import { effectiveWeights } from './weights';

/** The weighted destinations of every route of a VirtualService, as Istio applies them. */
function weightedRoutes(vs: VirtualService | undefined) {
  const routes = new Map<string, { name?: string; destinations: DestinationWeight[] }>();
  if (!vs) return routes;
  for (const routeKind of ROUTE_KINDS) {
    routesOf(vs, routeKind).forEach((route, routeIndex) => {
      const destinations = route.route ?? [];
      const weights = effectiveWeights(destinations.map((d) => d.weight));
      routes.set(`${routeKind}/${routeIndex}`, {
        name: 'name' in route && typeof route.name === 'string' ? route.name : undefined,
        destinations: destinations.map((d, i) => ({
          host: d.destination.host,
          ...(d.destination.subset !== undefined && { subset: d.destination.subset }),
          ...(d.destination.port?.number !== undefined && { port: d.destination.port.number }),
          weight: weights[i] ?? 0,
        })),
      });
    });
  }
  return routes;
}

const sameList = (a: DestinationWeight[], b: DestinationWeight[]) =>
  a.length === b.length &&
  a.every((d, i) => {
    const e = b[i];
    return (
      e !== undefined &&
      d.host === e.host &&
      d.subset === e.subset &&
      d.port === e.port &&
      d.weight === e.weight
    );
  });

/**
 * The routes whose destinations or effective weights differ between two versions of an
 * object (a route that appears or disappears counts, with an empty side). Not a
 * VirtualService, or nothing weighted changed: an empty list.
 */
export function weightChanges(
  before: MeshObject | undefined,
  after: MeshObject | undefined,
): RouteWeightsChange[] {
  const asVs = (o: MeshObject | undefined) => (o?.kind === 'VirtualService' ? o : undefined);
  const old = weightedRoutes(asVs(before));
  const now = weightedRoutes(asVs(after));
  const changes: RouteWeightsChange[] = [];
  for (const key of new Set([...old.keys(), ...now.keys()])) {
    const was = old.get(key);
    const is = now.get(key);
    if (was && is && sameList(was.destinations, is.destinations)) continue;
    const [routeKind, index] = key.split('/') as [RouteWeightsChange['routeKind'], string];
    const name = is?.name ?? was?.name;
    changes.push({
      routeKind,
      routeIndex: Number(index),
      ...(name !== undefined && { name }),
      before: was?.destinations ?? [],
      after: is?.destinations ?? [],
    });
  }
  return changes;
}

const label = (d: DestinationWeight) => d.subset ?? d.host;

/** `http[0]: v1 90% → 75%, v2 10% → 25%`, or what else changed in the route's destinations. */
export function describeRouteChange(change: RouteWeightsChange): string {
  const where = `${change.routeKind}[${change.routeIndex}]${change.name ? ` (${change.name})` : ''}`;
  if (change.before.length === 0) return `${where} added`;
  if (change.after.length === 0) return `${where} removed`;
  const sameDestinations =
    change.before.length === change.after.length &&
    change.before.every((d, i) => {
      const e = change.after[i];
      return e && d.host === e.host && d.subset === e.subset && d.port === e.port;
    });
  if (!sameDestinations) {
    const list = (ds: DestinationWeight[]) => ds.map((d) => `${label(d)} ${d.weight}%`).join(', ');
    return `${where}: ${list(change.before)} → ${list(change.after)}`;
  }
  const moves = change.after
    .map((d, i) => ({ d, was: change.before[i]?.weight }))
    .filter(({ d, was }) => was !== d.weight)
    .map(({ d, was }) => `${label(d)} ${was}% → ${d.weight}%`);
  return `${where}: ${moves.join(', ')}`;
}

/** A one-line summary of a change seen from outside Weir, for history. */
export function describeExternalChange(
  name: string,
  before: MeshObject | undefined,
  after: MeshObject | undefined,
): string {
  if (!before) return `${name}: created`;
  if (!after) return `${name}: deleted`;
  const routes = weightChanges(before, after);
  const shares = backendShareChanges(before, after);
  if (shares.length > 0) return `${name} ${shares.join('; ')}`;
  if (routes.length === 0) {
    // The Gateway API's kinds are said as the review says them (the rule or listener that changed).
    const parts = GATEWAY_API_KINDS.includes(after.kind as GatewayApiKind)
      ? summarizeSpecChange(before, after)
      : [];
    return parts.length > 0 ? `${name}: ${parts.join('; ')}` : `${name}: spec changed (no weights moved)`;
  }
  return `${name} ${routes.map(describeRouteChange).join('; ')}`;
}
