import type { GraphNode, MeshGraph } from './types';

/** What to show: some namespaces only, and nodes matching a search by host or name. */
export interface GraphFilter {
  /** Namespaces to show; undefined or empty shows all. */
  namespaces?: readonly string[];
  /** Case-insensitive text looked for in a node's name, title and detail lines (hosts among them). */
  search?: string;
}

/**
 * The part of the graph a person asked for. Nodes in the chosen namespaces (then, among those
 * kept, nodes matching the search) are kept together with everything on a traffic path through
 * them: what leads to them (a gateway in istio-system binding a shop VirtualService) and what
 * they lead to (destinations, subsets and workloads in other namespaces). Siblings are not
 * pulled in: a kept route does not bring the other routes of its VirtualService.
 */
export function filterGraph(graph: MeshGraph, filter: GraphFilter = {}): MeshGraph {
  let shown = graph;
  const asked = filter ?? {};
  const namespaces = Array.isArray(asked.namespaces)
    ? asked.namespaces.filter((namespace) => typeof namespace === 'string')
    : [];
  if (namespaces.length > 0) {
    const wanted = new Set(namespaces);
    shown = keepAlongFlow(shown, (node) => wanted.has(node.namespace));
  }
  const term = typeof asked.search === 'string' ? asked.search.trim().toLowerCase() : '';
  if (term) shown = keepAlongFlow(shown, (node) => matches(node, term));
  return shown;
}

function matches(node: GraphNode, term: string): boolean {
  const haystack = [node.label, node.ref?.name ?? '', ...node.details];
  return haystack.some((line) => line.toLowerCase().includes(term));
}

function keepAlongFlow(graph: MeshGraph, seed: (node: GraphNode) => boolean): MeshGraph {
  const forward = new Map<string, string[]>();
  const backward = new Map<string, string[]>();
  for (const edge of graph.edges) {
    append(forward, edge.source, edge.target);
    append(backward, edge.target, edge.source);
  }
  const seeds = graph.nodes.filter(seed).map((node) => node.id);
  const kept = new Set<string>([...reach(seeds, forward), ...reach(seeds, backward)]);
  return {
    nodes: graph.nodes.filter((node) => kept.has(node.id)),
    edges: graph.edges.filter((edge) => kept.has(edge.source) && kept.has(edge.target)),
  };
}

function reach(start: readonly string[], next: ReadonlyMap<string, string[]>): Set<string> {
  const seen = new Set(start);
  const queue = [...start];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    for (const other of next.get(id) ?? []) {
      if (seen.has(other)) continue;
      seen.add(other);
      queue.push(other);
    }
  }
  return seen;
}

function append(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
