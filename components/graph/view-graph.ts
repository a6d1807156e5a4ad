import { buildGraph } from '@/lib/graph/build-graph';
import { patchWeights } from '@/lib/graph/patch-weights';
import type { MeshGraph } from '@/lib/graph/types';
import type { MeshSnapshot } from '@/lib/mesh/types';
import { weightOnlyChanges } from '@/lib/mesh/weights-only-diff';
import type { Finding } from '@/lib/validate/types';
import { validate } from '@/lib/validate/validate';
import { revalidateWeights } from '@/lib/validate/weights-only';

/** What the screen draws from a view, and how many times it was built whole (validate + buildGraph). */
export interface ViewGraph {
  view: MeshSnapshot;
  namespaces: readonly string[] | undefined;
  search: string | undefined;
  findings: readonly Finding[];
  graph: MeshGraph;
  builds: number;
}

/**
 * The graph and findings of `view`, from the previous ones where that is cheaper: a canary
 * step (a drag's write pending, landing, or heard from the cluster) moves weights only, so
 * only those edges change and only the weight rules run again; the findings keep their
 * identity when they did not change. Anything else is built whole.
 */
export function nextViewGraph(
  previous: ViewGraph | undefined,
  view: MeshSnapshot,
  namespaces: readonly string[] | undefined,
  search: string | undefined,
): ViewGraph {
  if (previous?.view === view && sameOptions(previous, namespaces, search)) return previous;
  const changed =
    previous && sameOptions(previous, namespaces, search)
      ? weightOnlyChanges(previous.view, view)
      : undefined;
  if (previous && changed) {
    const findings = revalidateWeights(previous.findings, view, changed);
    if (findings && sameFindings(previous.findings, findings)) {
      const graph = patchWeights(previous.graph, view, changed);
      return { ...previous, view, graph };
    }
  }
  const findings = validate(view);
  const graph = buildGraph(view, findings, { namespaces: namespaces as string[] | undefined, search });
  return { view, namespaces, search, findings, graph, builds: (previous?.builds ?? 0) + 1 };
}

function sameOptions(
  previous: ViewGraph,
  namespaces: readonly string[] | undefined,
  search: string | undefined,
): boolean {
  return (
    previous.search === search && (previous.namespaces ?? []).join('\n') === (namespaces ?? []).join('\n')
  );
}

/** The same findings, in any order (the weight rules of the changed objects ran again last). */
function sameFindings(before: readonly Finding[], after: readonly Finding[]): boolean {
  if (before.length !== after.length) return false;
  const key = (f: Finding) =>
    `${f.code}\n${f.ref.kind}/${f.ref.namespace}/${f.ref.name}\n${f.path}\n${f.message}`;
  const counts = new Map<string, number>();
  for (const f of before) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
  for (const f of after) {
    const left = counts.get(key(f));
    if (!left) return false;
    counts.set(key(f), left - 1);
  }
  return true;
}
