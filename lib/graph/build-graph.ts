import type { MeshSnapshot } from '../mesh/types';
import type { Finding } from '../validate/types';
import { attachDelegates } from './attach-delegates';
import { attachEgress } from './attach-egress';
import { attachFindings, fallbackTargets } from './attach-findings';
import { attachGateways } from './attach-gateways';
import { attachSubsets } from './attach-subsets';
import { attachWorkloads } from './attach-workloads';
import { collectInvalid } from './collect-invalid';
import { collectRoutes } from './collect-routes';
import { collectServiceEntries } from './collect-service-entries';
import { collectServices } from './collect-services';
import { collectVirtualServices } from './collect-virtual-services';
import { filterGraph, type GraphFilter } from './filter-graph';
import { gatewayApiStages } from './gateway-api/gateway-api-stages';
import { indexSnapshot } from './index-snapshot';
import { resolveDestinations } from './resolve-destinations';
import type { GraphEdge, GraphNode, MeshGraph } from './types';

export type BuildOptions = GraphFilter;

/**
 * The graph of a snapshot, left to right: gateways → VirtualServices → routes → destinations →
 * subsets → workloads, with unreadable objects beside them and each finding drawn where it
 * is. Pure and total: odd input (missing specs, garbage fields, weights that do not add up,
 * references to objects that do not exist) draws what can be drawn and never throws.
 */
export function buildGraph(
  snapshot: MeshSnapshot,
  findings: readonly Finding[] = [],
  options: BuildOptions = {},
): MeshGraph {
  const { index, destinations, workloads, nodes, edges } = graphStages(snapshot);
  const graph = tidy(nodes, edges);
  const known = Array.isArray(findings) ? findings : [];
  const drawn = attachFindings(graph, known, fallbackTargets(index, destinations, workloads));
  return filterGraph(drawn, options);
}

/** What the stages emit, before tidy(): exported so a test can see that tidy() finds nothing to drop. */
export function graphStages(snapshot: MeshSnapshot) {
  const index = indexSnapshot(snapshot);
  const virtualServices = collectVirtualServices(index);
  const { routes, edges: routeEdges } = collectRoutes(virtualServices);
  const routed = resolveDestinations(routes, index);
  const gatewayApi = gatewayApiStages(snapshot, index, routed.destinations);
  const sent = [...routed.destinations, ...gatewayApi.destinations];
  const services = collectServices(index, sent);
  const subsets = attachSubsets(index, [...sent, ...services]);
  const destinations = [...sent, ...services, ...subsets.destinations];
  const entries = collectServiceEntries(index, destinations);
  const workloads = attachWorkloads(index, destinations, subsets.subsets, entries.entries);
  const gateways = attachGateways(index, virtualServices);
  const laid = [...gateways.edges, ...routed.edges, ...subsets.edges, ...entries.edges];
  const egress = attachEgress(index, routes, destinations, laid);
  const nodes = [
    ...gateways.nodes,
    ...virtualServices.map((site) => site.node),
    ...gatewayApi.nodes,
    ...routes.map((route) => route.node),
    ...destinations.map((site) => site.node),
    ...subsets.subsets.map((site) => site.node),
    ...entries.entries.map((site) => site.node),
    ...workloads.workloads.map((site) => site.node),
    ...collectInvalid(index),
  ];
  return {
    index,
    destinations,
    workloads: workloads.workloads,
    nodes: egress.hops.size === 0 ? nodes : nodes.map((node) => withHop(node, egress.hops.get(node.id))),
    edges: [
      ...gateways.edges.filter((edge) => !egress.dropped.has(edge.id)),
      ...routeEdges,
      ...gatewayApi.edges,
      ...attachDelegates(routes, index),
      ...routed.edges,
      ...subsets.edges,
      ...entries.edges,
      ...egress.edges,
      ...workloads.edges,
    ],
  };
}

function withHop(node: GraphNode, hop: number | undefined): GraphNode {
  return hop !== undefined && hop > 0 ? { ...node, hop } : node;
}

// The last guard of the invariants the canvas relies on: ids are unique and every edge joins
// two nodes that exist. The stages keep them by construction; this only stops a bug from
// reaching the canvas (the property test fails if it ever drops anything).
export function tidy(nodes: GraphNode[], edges: GraphEdge[]): MeshGraph {
  const ids = new Set<string>();
  const uniqueNodes = nodes.filter((node) => !ids.has(node.id) && ids.add(node.id));
  const edgeIds = new Set<string>();
  const joined = edges.filter(
    (edge) => ids.has(edge.source) && ids.has(edge.target) && !edgeIds.has(edge.id) && edgeIds.add(edge.id),
  );
  return { nodes: uniqueNodes, edges: joined };
}
