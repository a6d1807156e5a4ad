import { describeDestination } from './deletion-words';
import { MESH_GATEWAY, parseGatewayRef, resolveHost } from './resolve';
import { routeDeletionImpact } from './route-deletion-impact';
import type { DestinationRule, Gateway, MeshObject, MeshSnapshot, VirtualService } from './types';

/** What deleting an object does to traffic, one sentence a line, for the confirmation. */
export function deletionImpact(view: MeshSnapshot, object: MeshObject): string[] {
  const namespace = object.metadata.namespace ?? '';
  const all = Object.values(view.objects);
  if (
    object.kind === 'HTTPRoute' ||
    object.kind === 'GRPCRoute' ||
    object.kind === 'TCPRoute' ||
    object.kind === 'TLSRoute'
  )
    return routeDeletionImpact(object);
  if (object.kind === 'VirtualService') {
    const hosts = object.spec.hosts ?? [];
    const gateways = (object.spec.gateways ?? []).filter((g) => g !== MESH_GATEWAY);
    // Inside the mesh a host without a VirtualService is still reached through its Service;
    // through a gateway nothing routes it any more.
    const fallback = gateways.length
      ? `traffic arriving through ${gateways.join(', ')} is no longer routed at all`
      : 'calls inside the mesh fall back to plain Kubernetes routing (no weights, no subsets)';
    const lines = [`Hosts ${hosts.join(', ') || '(none)'} lose these routes; ${fallback}:`];
    for (const kind of ['http', 'tcp', 'tls'] as const) {
      (object.spec[kind] ?? []).forEach((route, i) => {
        const destinations = (route.route ?? []).map(describeDestination).join(', ');
        lines.push(
          `${kind}[${i}]${'name' in route && route.name ? ` (${route.name})` : ''} → ${destinations || 'no destinations'}`,
        );
      });
    }
    return lines;
  }
  if (object.kind === 'DestinationRule') {
    const subsets = (object.spec.subsets ?? []).map((s) => s.name);
    const lines = [
      `Host ${object.spec.host} loses its traffic policy${subsets.length ? ` and subsets ${subsets.join(', ')}` : ''}.`,
    ];
    for (const vs of all.filter((o): o is VirtualService => o.kind === 'VirtualService')) {
      for (const kind of ['http', 'tcp', 'tls'] as const) {
        (vs.spec[kind] ?? []).forEach((route, i) => {
          const hit = (route.route ?? []).filter(
            (d) =>
              d.destination.subset &&
              subsets.includes(d.destination.subset) &&
              sameHost(d.destination.host, object, vs),
          );
          if (hit.length > 0)
            lines.push(
              `${vs.metadata.namespace}/${vs.metadata.name} ${kind}[${i}] routes to ${hit.map(describeDestination).join(', ')}: those requests will fail with 503.`,
            );
        });
      }
    }
    return lines;
  }
  if (object.kind === 'Gateway') {
    const bound = all.filter(
      (o): o is VirtualService =>
        o.kind === 'VirtualService' &&
        (o.spec.gateways ?? []).some((g) => {
          const ref = parseGatewayRef(g, o.metadata.namespace ?? '');
          return !ref.mesh && ref.namespace === namespace && ref.name === object.metadata.name;
        }),
    );
    const hosts = (object as Gateway).spec.servers?.flatMap((s) => s.hosts ?? []) ?? [];
    return [
      `Stops serving ${hosts.join(', ') || 'no hosts'} on the gateway pods it selects.`,
      ...(bound.length
        ? bound.map(
            (vs) =>
              `VirtualService ${vs.metadata.namespace}/${vs.metadata.name} is bound to it and will no longer receive traffic through it.`,
          )
        : ['No VirtualService is bound to it.']),
    ];
  }
  return [];
}

function sameHost(host: string, rule: DestinationRule, vs: VirtualService): boolean {
  return (
    resolveHost(host, vs.metadata.namespace ?? '') ===
    resolveHost(rule.spec.host, rule.metadata.namespace ?? '')
  );
}
