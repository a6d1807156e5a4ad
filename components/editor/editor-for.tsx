'use client';

import type { GraphNode } from '@/lib/graph/types';
import { objectKey } from '@/lib/mesh/object-key';
import { resolveHost } from '@/lib/mesh/resolve';
import { isIstioRoute, type RouteAddress } from '@/lib/mesh/route-address';
import type { DestinationRule, MeshObject, MeshSnapshot, StoredObject } from '@/lib/mesh/types';
import { routeTargetOf } from '../weights/route-target';
import { ObjectEditor } from './object-editor';

// A destination or its Service is edited through the DestinationRule in its namespace for that host.
function ruleFor(view: MeshSnapshot, namespace: string, host: string): DestinationRule | undefined {
  const fqdn = resolveHost(host, namespace);
  return Object.values(view.objects).find(
    (o): o is DestinationRule =>
      o.kind === 'DestinationRule' &&
      o.metadata.namespace === namespace &&
      resolveHost(o.spec.host, namespace) === fqdn,
  );
}

/** Which object a selected node edits, and how: a route node its route (HTTP, TCP or TLS) or Gateway API rule, a subset or destination node its DestinationRule. */
export function EditorFor({
  node,
  view,
  object,
}: {
  node: GraphNode;
  view: MeshSnapshot;
  object?: StoredObject;
}) {
  let target: MeshObject | undefined = object && object.kind !== 'Invalid' ? object : undefined;
  let route: RouteAddress | undefined;
  if (node.kind === 'route') {
    route = routeTargetOf({ node });
    if (!route) return null;
  } else if (node.kind === 'destination') {
    const namespace = node.ref?.namespace ?? node.namespace ?? '';
    const host = node.ref?.kind === 'Service' ? node.ref.name : (node.details[0]?.split(':')[0] ?? '');
    target = ruleFor(view, namespace, host);
  }
  if (!target) return null;
  const key = objectKey({
    kind: target.kind,
    namespace: target.metadata.namespace ?? '',
    name: target.metadata.name,
  });
  return (
    <ObjectEditor
      key={`${node.id}|${key}`}
      object={target}
      view={view}
      routeKind={route && isIstioRoute(route) ? route.routeKind : undefined}
      routeIndex={route && isIstioRoute(route) ? route.routeIndex : undefined}
      ruleIndex={route && !isIstioRoute(route) ? route.routeIndex : undefined}
    />
  );
}
