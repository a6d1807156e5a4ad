import { gatewayRouteId, kubeGatewayId, ruleId } from '../graph/gateway-api/ids';
import { gatewayId, routeId, virtualServiceId } from '../graph/ids';
import type { MeshGraph } from '../graph/types';
import type { TraceResult } from './types';

/** The nodes and edges a traced request passes on the drawn graph. */
export interface TracePath {
  nodes: Set<string>;
  edges: Set<string>;
}

/**
 * The request's path on the graph: its gateway, the VirtualService and route that matched
 * (through the delegate, when one took over), and from that route on, its weighted
 * destinations (those with a share), their subsets and workloads. With no match, the
 * gateway and the VirtualServices that were considered.
 */
export function tracePath(graph: MeshGraph, result: TraceResult): TracePath {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  const present = new Set(graph.nodes.map((n) => n.id));
  const add = (id: string) => present.has(id) && nodes.add(id);
  const link = (source: string, target: string, kind?: string) => {
    for (const edge of graph.edges) {
      if (edge.source === source && edge.target === target && (!kind || edge.kind === kind)) {
        edges.add(edge.id);
        add(source);
        add(target);
      }
    }
  };
  const gateway =
    result.entry.kind === 'gateway' && result.server
      ? gatewayId(result.server.gateway.namespace, result.server.gateway.name)
      : result.entry.kind === 'kubernetes-gateway'
        ? kubeGatewayId(result.entry.gateway.namespace, result.entry.gateway.name)
        : undefined;
  if (gateway) add(gateway);
  let last: string;
  const gatewayApi = result.gatewayApi;
  if (gatewayApi) {
    // Gateway API: Gateway → route → the rule that matched; with no match, the routes tried.
    const { matched } = gatewayApi;
    if (!matched) {
      for (const r of gatewayApi.routes) {
        const id = gatewayRouteId(r.kind, r.namespace, r.name);
        add(id);
        if (gateway) link(gateway, id);
      }
      return { nodes, edges };
    }
    const { kind, namespace, name } = matched.route;
    const routeNode = gatewayRouteId(kind, namespace, name);
    last = ruleId(kind, namespace, name, matched.ruleIndex);
    add(routeNode);
    add(last);
    if (gateway) link(gateway, routeNode);
    link(routeNode, last);
    return throughDestinations(graph, last, nodes, edges, add);
  }
  const matched = result.matched;
  if (!matched) {
    for (const candidate of result.candidates) {
      const vs = virtualServiceId(candidate.vs.namespace, candidate.vs.name);
      add(vs);
      if (gateway) link(gateway, vs);
    }
    return { nodes, edges };
  }
  const { at } = matched;
  const vs = virtualServiceId(at.vs.namespace, at.vs.name);
  const route = routeId(at.vs.namespace, at.vs.name, at.routeKind, at.routeIndex);
  add(vs);
  add(route);
  if (gateway) link(gateway, vs);
  link(vs, route);
  last = route;
  if (at.delegate) {
    const delegateVs = virtualServiceId(at.delegate.vs.namespace, at.delegate.vs.name);
    const delegateRoute = routeId(
      at.delegate.vs.namespace,
      at.delegate.vs.name,
      'http',
      at.delegate.routeIndex,
    );
    link(route, delegateVs);
    link(delegateVs, delegateRoute);
    last = delegateRoute;
  }
  return throughDestinations(graph, last, nodes, edges, add);
}

// From the matched route or rule on: its weighted destinations (those with a share), their
// subsets and the workloads behind them.
function throughDestinations(
  graph: MeshGraph,
  last: string,
  nodes: Set<string>,
  edges: Set<string>,
  add: (id: string) => unknown,
): TracePath {
  const weights = graph.edges.filter((e) => e.source === last && e.kind === 'weight');
  const frontier: string[] = [];
  for (const edge of weights) {
    if (weights.length > 1 && (edge.weight?.weight ?? 0) === 0) continue;
    edges.add(edge.id);
    add(edge.target);
    frontier.push(edge.target);
  }
  // Past the destinations: their subsets and the workloads behind them.
  while (frontier.length > 0) {
    const at = frontier.pop() as string;
    for (const edge of graph.edges) {
      if (edge.source !== at || (edge.kind !== 'subset' && edge.kind !== 'workload') || edges.has(edge.id))
        continue;
      edges.add(edge.id);
      add(edge.target);
      frontier.push(edge.target);
    }
  }
  return { nodes, edges };
}
