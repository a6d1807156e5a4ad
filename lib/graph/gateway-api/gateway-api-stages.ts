import type { MeshSnapshot } from '../../mesh/types';
import type { MeshIndex } from '../index-snapshot';
import type { DestinationSite } from '../resolve-destinations';
import type { GraphEdge, GraphNode } from '../types';
import { collectGatewayRoutes } from './collect-gateway-routes';
import { collectKubeGateways } from './collect-kube-gateways';
import { indexGatewayApi } from './gateway-api-index';
import { resolveBackends } from './resolve-backends';

/**
 * The Gateway API on the same graph: Gateways in the gateway column, route objects in the
 * VirtualService column, their rules in the route column, backends as the destinations
 * VirtualServices share (`known`: those already drawn), so the Service, subset and workload
 * stages that follow treat both alike.
 */
export function gatewayApiStages(
  snapshot: MeshSnapshot,
  index: MeshIndex,
  known: readonly DestinationSite[],
): { nodes: GraphNode[]; edges: GraphEdge[]; destinations: DestinationSite[] } {
  const gatewayApi = indexGatewayApi(snapshot);
  if (gatewayApi.gateways.length === 0 && gatewayApi.routes.length === 0) {
    return { nodes: [], edges: [], destinations: [] };
  }
  const routes = collectGatewayRoutes(gatewayApi);
  const backends = resolveBackends(routes.rules, index, new Map(known.map((site) => [site.id, site])));
  return {
    nodes: [...collectKubeGateways(gatewayApi), ...routes.nodes],
    edges: [...routes.edges, ...backends.edges],
    destinations: backends.destinations,
  };
}
