import { keyOf, objectKey } from '../mesh/object-key';
import { hostCovers, resolveHost } from '../mesh/resolve';
import type { ObjectKey } from '../mesh/types';
import type { Finding } from '../validate/types';
import type { WorkloadSite } from './attach-workloads';
import type { MeshIndex } from './index-snapshot';
import { namespaceOf } from './index-snapshot';
import { text } from './read';
import type { DestinationSite } from './resolve-destinations';
import type { GraphEdge, GraphNode, GraphProblem, MeshGraph } from './types';

/** Where a finding goes when nothing on the graph stands for its object and path: object key → node ids. */
export type FallbackTargets = ReadonlyMap<ObjectKey, readonly string[]>;

/**
 * Draws each finding where it is: on the node or edge with the deepest path that is a prefix of
 * the finding's (a weight edge for `spec.http[0].route[1].destination.subset`, the route for
 * `spec.http[0].match[0]`, the VirtualService otherwise; a subset for `spec.subsets[1]…`).
 * A Namespace finding goes on every VirtualService of that namespace; anything else that
 * matches nothing goes to its fallback targets (a DestinationRule's host, a Pod's workloads),
 * or nowhere when its object is not on the graph. Returns a new graph; the input is unchanged.
 */
export function attachFindings(
  graph: MeshGraph,
  findings: readonly Finding[],
  fallbacks: FallbackTargets = new Map(),
): MeshGraph {
  if (findings.length === 0) return graph;
  const sites = new Map<ObjectKey, Array<{ path: string; id: string; edge: boolean }>>();
  const add = (item: GraphNode | GraphEdge, edge: boolean) => {
    if (!item.ref || (edge && item.path === undefined)) return;
    const key = objectKey(item.ref);
    const known = sites.get(key);
    const site = { path: item.path ?? '', id: item.id, edge };
    if (known) known.push(site);
    else sites.set(key, [site]);
  };
  for (const node of graph.nodes) add(node, false);
  for (const edge of graph.edges) add(edge, true);

  const nodeProblems = new Map<string, GraphProblem[]>();
  const edgeProblems = new Map<string, GraphProblem[]>();
  const put = (into: Map<string, GraphProblem[]>, id: string, problem: GraphProblem) => {
    const list = into.get(id) ?? [];
    if (!list.some((known) => known.code === problem.code && known.message === problem.message))
      list.push(problem);
    into.set(id, list);
  };

  for (const finding of findings) {
    if (!isFinding(finding)) continue;
    const code = typeof finding.code === 'string' ? finding.code : undefined;
    const problem: GraphProblem = {
      severity: finding.severity,
      message: typeof finding.message === 'string' ? finding.message : (code ?? 'problem'),
      ...(code !== undefined && { code }),
    };
    if (finding.ref.kind === 'Namespace') {
      for (const node of graph.nodes) {
        if (node.kind === 'virtualService' && node.namespace === finding.ref.name)
          put(nodeProblems, node.id, problem);
      }
      continue;
    }
    const path = typeof finding.path === 'string' ? finding.path : '';
    let best = -1;
    let chosen: Array<{ id: string; edge: boolean }> = [];
    for (const site of sites.get(objectKey(finding.ref)) ?? []) {
      if (!isPrefix(site.path, path) || site.path.length < best) continue;
      if (site.path.length > best) chosen = [];
      best = site.path.length;
      chosen.push(site);
    }
    if (chosen.length === 0)
      chosen = (fallbacks.get(objectKey(finding.ref)) ?? []).map((id) => ({ id, edge: false }));
    for (const site of chosen) put(site.edge ? edgeProblems : nodeProblems, site.id, problem);
  }

  return {
    nodes: graph.nodes.map((node) => {
      const extra = nodeProblems.get(node.id);
      return extra ? { ...node, problems: merge(node.problems, extra) } : node;
    }),
    edges: graph.edges.map((edge) => {
      const extra = edgeProblems.get(edge.id);
      return extra ? { ...edge, problems: merge(edge.problems, extra) } : edge;
    }),
  };
}

// Findings come from another module; a malformed one is skipped rather than trusted.
function isFinding(finding: Finding | undefined): finding is Finding {
  const ref = finding?.ref;
  return (
    ref !== null &&
    typeof ref === 'object' &&
    typeof ref.kind === 'string' &&
    typeof ref.namespace === 'string' &&
    typeof ref.name === 'string'
  );
}

/** Whether `prefix` names the same field as `path` or one that contains it (`spec.http[0]` of `spec.http[0].route`). */
export function isPrefix(prefix: string, path: string): boolean {
  if (prefix === '' || prefix === path) return true;
  if (!path.startsWith(prefix)) return false;
  const next = path[prefix.length];
  return next === '.' || next === '[';
}

function merge(known: readonly GraphProblem[], extra: readonly GraphProblem[]): GraphProblem[] {
  const result = [...known];
  for (const problem of extra) {
    if (!result.some((item) => item.code === problem.code && item.message === problem.message))
      result.push(problem);
  }
  return result;
}

/**
 * Where findings on objects without a node of their own go: a DestinationRule's to the
 * destinations of its host, a Pod's to the workloads that hold it.
 */
export function fallbackTargets(
  index: MeshIndex,
  destinations: readonly DestinationSite[],
  workloads: readonly WorkloadSite[],
): FallbackTargets {
  const targets = new Map<ObjectKey, string[]>();
  // By host, so that each rule looks up its own destinations instead of scanning them all.
  const byFqdn = new Map<string, string[]>();
  for (const site of destinations) {
    const ids = byFqdn.get(site.fqdn);
    if (ids) ids.push(site.id);
    else byFqdn.set(site.fqdn, [site.id]);
  }
  for (const rule of index.destinationRules) {
    const fqdn = resolveHost(text(rule.spec.host) ?? '', namespaceOf(rule), index.namespaces);
    if (!fqdn) continue;
    const ids = fqdn.startsWith('*')
      ? [...byFqdn].flatMap(([host, sites]) => (hostCovers(fqdn, host) ? sites : []))
      : (byFqdn.get(fqdn) ?? []);
    if (ids.length > 0) targets.set(keyOf(rule), ids);
  }
  for (const workload of workloads) {
    for (const pod of workload.pods)
      targets.set(keyOf(pod), [...(targets.get(keyOf(pod)) ?? []), workload.id]);
  }
  return targets;
}
