import 'server-only';
import type { OverviewAnswer, OverviewPatch, SearchAnswer } from '../api/overview';
import { parseObjectKey } from '../mesh/object-key';
import type { Kind } from '../mesh/types';
import { mapLimited } from './auth/authorizer';
import type { Viewer } from './auth/viewer';
import { type OverviewIndex, overviewIndexOf } from './overview-index';
import { ShownOverview } from './overview-shown';

const CONCURRENT_REVIEWS = 16;
const NO_PROBLEMS = Object.freeze({ errors: 0, warnings: 0 });

/**
 * The mesh the person may see, one entry per namespace (GET /api/overview): counts, problem
 * badges, gateway fan-in and the links between namespaces, from the store's index, never from
 * a snapshot of the mesh. Someone who may not list some kinds somewhere gets sums without
 * them, and no problem counts for a namespace whose view holds anything hidden from them.
 */
export async function overviewFor(viewer: Viewer): Promise<OverviewAnswer> {
  const index = overviewIndexOf(viewer.handle.store);
  const sequence = viewer.handle.store.sequence();
  return { sequence, ...(await summaryFor(viewer, index)) };
}

/**
 * What GET /api/overview answers now for `namespaces` only (their entries and the links
 * touching them), as one message of the overview stream; a namespace no longer listed for the
 * person is in `removed`. For a restricted person, `shown` is what their stream has shown them
 * (kept up to date here): the message holds only what differs from it, names as removed only
 * namespaces it holds, and is undefined when nothing they were shown changed (ShownOverview).
 */
export async function overviewPatchFor(
  viewer: Viewer,
  namespaces: ReadonlySet<string>,
  sequence: number,
  shown?: ShownOverview,
): Promise<OverviewPatch | undefined> {
  const index = overviewIndexOf(viewer.handle.store);
  const summary = await summaryFor(viewer, index, namespaces);
  const listed = new Set(summary.namespaces.map((entry) => entry.name));
  const removed = [...namespaces].filter((name) => !listed.has(name)).sort();
  const patch = { sequence, namespaces: summary.namespaces, removed, links: summary.links };
  if (!viewer.visibility.restricted) return patch;
  // Without what they were shown, a restricted person is named no namespace as removed.
  return (shown ?? new ShownOverview({ namespaces: [], links: [] }, new Set())).narrow(patch);
}

/** The index's sums as the person may see them: all of it, or `only` those namespaces' entries. */
async function summaryFor(
  viewer: Viewer,
  index: OverviewIndex,
  only?: ReadonlySet<string>,
): Promise<Omit<OverviewAnswer, 'sequence'>> {
  const { store } = viewer.handle;
  if (!viewer.visibility.restricted) {
    const problems = index.problems.of(index.tally.namespaces());
    return index.tally.summarize(
      () => true,
      (namespace) => problems.get(namespace) ?? NO_PROBLEMS,
      undefined,
      only,
    );
  }
  // Counted as their views have the outbound policy: unknown where they may not read the mesh
  // config. That ConfigMap is then no hidden object of the view: its policy is what is hidden.
  const problems = index.problems.of(
    index.tally.namespaces(),
    (await viewer.visibility.mayReadMeshConfig()) ? 'weir' : 'mesh-config-hidden',
  );
  const sees = await answeredSees(
    viewer,
    index.tally.namespaces().flatMap((namespace) => [...kindsIn(store.viewScope([namespace]), namespace)]),
  );
  const wholeViewSeen = (namespace: string) =>
    [...kindsIn(store.viewScope([namespace]), namespace)].every(
      (group) => group.startsWith('ConfigMap/') || sees.get(group) === true,
    );
  return index.tally.summarize(
    (kind, namespace) => sees.get(group(kind, namespace)) === true,
    (namespace) => (wholeViewSeen(namespace) ? (problems.get(namespace) ?? NO_PROBLEMS) : undefined),
    undefined,
    only,
  );
}

/** At most this many hits in one answer: a search finds a namespace to open, not a list to read. */
export const SEARCH_LIMIT = 25;

/** Objects whose name or host holds `query`, among those the person may list (GET /api/search). */
export async function searchFor(viewer: Viewer, query: string): Promise<SearchAnswer> {
  const index = overviewIndexOf(viewer.handle.store);
  const found = index.search.search(query);
  if (!viewer.visibility.restricted) {
    return {
      query,
      hits: found.slice(0, SEARCH_LIMIT).map(({ key: _, ...hit }) => hit),
      more: found.length > SEARCH_LIMIT,
    };
  }
  const sees = await answeredSees(
    viewer,
    found.map((hit) => group(hit.kind, hit.kind === 'Namespace' ? hit.name : hit.namespace)),
  );
  const visible = found.filter(
    (hit) => sees.get(group(hit.kind, hit.kind === 'Namespace' ? hit.name : hit.namespace)) === true,
  );
  return {
    query,
    hits: visible.slice(0, SEARCH_LIMIT).map(({ key: _, ...hit }) => hit),
    more: visible.length > SEARCH_LIMIT,
  };
}

function group(kind: string, namespace: string): string {
  return `${kind}/${namespace}`;
}

/** The kind/namespace groups of a view's keys, and the namespace's own kinds. */
function kindsIn(keys: Iterable<string>, namespace: string): Set<string> {
  const groups = new Set<string>([group('Namespace', namespace)]);
  for (const key of keys) {
    const { kind, namespace: home, name } = parseObjectKey(key);
    groups.add(group(kind, kind === 'Namespace' ? name : home));
  }
  return groups;
}

/** Whether the person may list each kind/namespace group, asked once per group. */
async function answeredSees(viewer: Viewer, groups: Iterable<string>): Promise<Map<string, boolean>> {
  const distinct = [...new Set(groups)];
  const answers = await mapLimited(distinct, CONCURRENT_REVIEWS, (id) => {
    const slash = id.indexOf('/');
    return viewer.visibility.mayList(id.slice(0, slash) as Kind, id.slice(slash + 1));
  });
  return new Map(distinct.map((id, i) => [id, answers[i] as boolean]));
}
