'use client';

import type { MeshChange } from '@/lib/mesh/changes';
import { routesOf } from '@/lib/mesh/routes';
import type { HTTPRoute, ObjectRef, RouteKind, VirtualService } from '@/lib/mesh/types';
import { type L4Route, L4RouteForm } from './l4-route-form';
import { RouteForm } from './route-form';

/**
 * The form of one route of a VirtualService, of any kind: an existing route (`routeIndex`)
 * is replaced whole by SetRoute, a new one is put at the chosen place by AddRoute.
 */
export function RouteFormFor({
  vs,
  routeKind,
  routeIndex,
  onPreview,
}: {
  vs: VirtualService;
  routeKind: RouteKind;
  /** Undefined for a new route. */
  routeIndex?: number;
  onPreview: (change: MeshChange) => void;
}) {
  const target: ObjectRef = {
    kind: 'VirtualService',
    namespace: vs.metadata.namespace ?? '',
    name: vs.metadata.name,
  };
  const routes = routesOf(vs, routeKind);
  const nameOf = (r: object) => ('name' in r && typeof r.name === 'string' ? r.name : undefined);
  const host = vs.spec.hosts?.[0] ?? '';
  const isNew = routeIndex === undefined;
  const route = isNew ? undefined : routes[routeIndex];
  const title = isNew
    ? `New ${routeKind === 'http' ? '' : `${routeKind.toUpperCase()} `}route in ${vs.metadata.name}`
    : `Route ${routeKind}[${routeIndex}]${route && nameOf(route) ? ` (${nameOf(route)})` : ''}`;
  const positions = isNew
    ? [...routes.map((r, i) => `before ${routeKind}[${i}]${nameOf(r) ? ` (${nameOf(r)})` : ''}`), 'last']
    : undefined;
  const send = (r: HTTPRoute | L4Route, index: number) =>
    onPreview(
      isNew
        ? { kind: 'AddRoute', target, routeKind, index, route: r }
        : { kind: 'SetRoute', target, routeKind, routeIndex, route: r },
    );

  if (routeKind === 'http') {
    return (
      <RouteForm
        title={title}
        initial={(route as HTTPRoute | undefined) ?? { route: [{ destination: { host } }] }}
        positions={positions}
        onPreview={send}
      />
    );
  }
  const fresh: L4Route =
    routeKind === 'tls'
      ? {
          match: [{ sniHosts: host && !host.includes('/') ? [host] : [] }],
          route: [{ destination: { host } }],
        }
      : { route: [{ destination: { host } }] };
  return (
    <L4RouteForm
      routeKind={routeKind}
      title={title}
      initial={(route as L4Route | undefined) ?? fresh}
      positions={positions}
      onPreview={send}
    />
  );
}
