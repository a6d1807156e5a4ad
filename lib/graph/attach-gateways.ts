import { parseGatewayRef } from '../mesh/resolve';
import type { Gateway } from '../mesh/types';
import type { VirtualServiceSite } from './collect-virtual-services';
import { gatewayId, plainEdgeId } from './ids';
import { type MeshIndex, namespaceOf } from './index-snapshot';
import { list, num, record, strings, text } from './read';
import type { GraphEdge, GraphNode } from './types';

/**
 * A node per Gateway, with its servers in brief, and a `binds` edge to each VirtualService
 * bound to it. A VirtualService bound to no gateway (or to `mesh` only) is mesh-internal and
 * has no such edge; a reference to a Gateway that does not exist draws no edge either (its
 * problem comes from validation and is drawn on the VirtualService).
 */
export function attachGateways(
  index: MeshIndex,
  sites: readonly VirtualServiceSite[],
): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes = index.gateways.map(gatewayNode);
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  for (const site of sites) {
    strings(site.vs.spec.gateways).forEach((reference, position) => {
      const ref = parseGatewayRef(reference, site.namespace);
      if (ref.mesh || !index.gatewayByName.has(`${ref.namespace}/${ref.name}`)) return;
      const source = gatewayId(ref.namespace, ref.name);
      const id = plainEdgeId('binds', source, site.id);
      if (seen.has(id)) return;
      seen.add(id);
      edges.push({
        id,
        source,
        target: site.id,
        kind: 'binds',
        ref: site.ref,
        path: `spec.gateways[${gatewayIndex(site.vs.spec.gateways, reference, position)}]`,
        problems: [],
      });
    });
  }
  return { nodes, edges };
}

// strings() skips entries that are not strings: map back to the written position.
function gatewayIndex(written: unknown, reference: string, fallback: number): number {
  const at = list(written).indexOf(reference);
  return at >= 0 ? at : fallback;
}

function gatewayNode(gateway: Gateway): GraphNode {
  const namespace = namespaceOf(gateway);
  const name = gateway.metadata.name;
  const servers = list(gateway.spec.servers).map((value) => describeServer(record(value)));
  return {
    id: gatewayId(namespace, name),
    kind: 'gateway',
    namespace,
    label: name,
    details: servers.length > 0 ? servers : ['no servers'],
    ref: { kind: 'Gateway', namespace, name },
    problems: [],
  };
}

/** A server in brief: `80/HTTP *.shop.example`, `443/HTTPS SIMPLE shop.example`. */
export function describeServer(server: Record<string, unknown>): string {
  const port = record(server.port);
  const tls = record(server.tls);
  const listener = `${num(port.number) ?? '?'}/${text(port.protocol) ?? '?'}`;
  const mode = text(tls.mode);
  const redirect = tls.httpsRedirect === true ? '→ https' : undefined;
  const hosts = strings(server.hosts).join(', ') || 'no hosts';
  return [listener, mode, hosts, redirect].filter(Boolean).join(' ');
}
