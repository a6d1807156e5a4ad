import type { NamespaceCounts, NamespaceLink, NamespaceSummary, OverviewAnswer } from '../api/overview';
import { storedKind } from '../mesh/object-key';
import type { ObjectKey, StoredObject } from '../mesh/types';
import { type Contribution, contributionOf, nodesOf, ZERO_COUNTS } from './namespace-contribution';

/**
 * Past either of these the all-namespaces view opens as one node per namespace. 300 nodes:
 * elk lays a graph that size out in a few hundred milliseconds on a busy machine and the page
 * mounts it at once (the issue measured 14 s at 9,098 nodes); 40 namespaces: past that the
 * whole graph is a stack of parts taller than anyone scrolls, and the picker a long list.
 */
export const OVERVIEW_LIMITS = Object.freeze({ nodes: 300, namespaces: 40 });

/** Whether the person may list objects of `kind` in `namespace` (answered before summarizing). */
export type Sees = (kind: string, namespace: string) => boolean;

/** Errors and warnings found in a namespace, or undefined where they may not be told. */
export type ProblemsOf = (namespace: string) => { errors: number; warnings: number } | undefined;

interface Held {
  kind: string;
  contribution: Contribution;
}

interface KindTotals {
  objects: number;
  counts: NamespaceCounts;
}

/**
 * The overview's sums, kept by object: put and delete move one object's contribution in or
 * out, so an event costs what that object holds, never a walk of the mesh. Sums are kept per
 * namespace and kind, so that one person's answer adds up only the kinds they may list.
 */
export class OverviewTally {
  private readonly held = new Map<ObjectKey, Held>();
  /**
   * Contributions without links, one per kind, namespace and counts, shared by every object
   * making it (a namespace's pods, Services, Gateways, its DestinationRules of as many subsets):
   * 41,000 of the 51,000 objects at 10,000 VirtualServices, each a record of four otherwise.
   * With how many objects hold each, so that the last one out takes it away.
   */
  private readonly shared = new Map<string, { held: Held; users: number }>();
  private readonly sums = new Map<string, Map<string, KindTotals>>();
  // `virtualServiceNamespace \n source \n target \n kind` → references (a link is known from a VirtualService).
  private readonly links = new Map<string, number>();

  put(key: ObjectKey, object: StoredObject): void {
    this.delete(key);
    let held: Held = { kind: storedKind(object), contribution: contributionOf(object) };
    const id = sharedId(held);
    if (id !== undefined) {
      const found = this.shared.get(id);
      if (found) {
        found.users += 1;
        held = found.held;
      } else this.shared.set(id, { held, users: 1 });
    }
    this.held.set(key, held);
    this.apply(held, 1);
  }

  delete(key: ObjectKey): void {
    const held = this.held.get(key);
    if (!held) return;
    this.held.delete(key);
    const id = sharedId(held);
    const found = id === undefined ? undefined : this.shared.get(id);
    if (id !== undefined && found && --found.users === 0) this.shared.delete(id);
    this.apply(held, -1);
  }

  /** How many contribution records are held: objects contributing alike share one. */
  records(): number {
    return new Set(this.held.values()).size;
  }

  /**
   * The namespaces whose overview entries the object held under `key` counts in: its own and
   * both ends of each link it makes (a Gateway's namespace gains gateway fan-in from it).
   */
  touchedBy(key: ObjectKey): string[] {
    const held = this.held.get(key);
    if (!held) return [];
    const { namespace, links } = held.contribution;
    return [namespace, ...links.flatMap((link) => [link.source, link.target])];
  }

  /** Every namespace an object is counted in, whoever looks. */
  namespaces(): string[] {
    return [...this.sums.keys()].filter(Boolean).sort();
  }

  /**
   * The overview as one person sees it (without the sequence). With `only`, the entries of
   * those namespaces and the links that touch them, as the whole answer has them: what an
   * overview stream sends when they change (totals are then of those entries alone).
   */
  summarize(
    sees: Sees,
    problems: ProblemsOf,
    limits = OVERVIEW_LIMITS,
    only?: ReadonlySet<string>,
  ): Omit<OverviewAnswer, 'sequence'> {
    const namespaces: NamespaceSummary[] = [];
    // Listed but not asked for: a link's other end, which must be listed for the link to count.
    const alsoListed = new Set<string>();
    for (const [name, kinds] of this.sums) {
      if (name === '') continue;
      if (only && !only.has(name)) {
        if ([...kinds].some(([kind, totals]) => totals.objects > 0 && sees(kind, name))) alsoListed.add(name);
        continue;
      }
      const counts = { ...ZERO_COUNTS };
      let listed = false;
      for (const [kind, totals] of kinds) {
        if (totals.objects === 0 || !sees(kind, name)) continue;
        listed = true;
        for (const field of COUNT_FIELDS) counts[field] += totals.counts[field];
      }
      if (listed) {
        const found = problems(name);
        namespaces.push({
          name,
          counts,
          nodes: nodesOf(counts),
          ...(found && { problems: found }),
          gatewayFanIn: 0,
        });
      }
    }
    namespaces.sort(byNamespaceName);
    const byName = new Map(namespaces.map((summary) => [summary.name, summary]));
    const merged = new Map<string, NamespaceLink>();
    const listed = (name: string) => byName.has(name) || alsoListed.has(name);
    for (const [id, count] of this.links) {
      const [origin = '', source = '', target = '', kind] = id.split('\n');
      if (only && !only.has(source) && !only.has(target)) continue;
      if (!sees('VirtualService', origin)) continue;
      if (!listed(source) || !listed(target)) continue;
      const from = byName.get(source);
      if (kind === 'gateway' && from) from.gatewayFanIn += count;
      if (source === target) continue;
      const linkId = `${source}\n${target}\n${kind}`;
      const link = merged.get(linkId);
      if (link) link.count += count;
      else merged.set(linkId, { source, target, kind: kind as NamespaceLink['kind'], count });
    }
    const links = [...merged.values()].sort(byLinkEnds);
    return { ...totalsOf(namespaces, limits), namespaces, links };
  }

  private apply({ kind, contribution }: Held, sign: 1 | -1): void {
    let kinds = this.sums.get(contribution.namespace);
    if (!kinds) {
      kinds = new Map();
      this.sums.set(contribution.namespace, kinds);
    }
    let totals = kinds.get(kind);
    if (!totals) {
      totals = { objects: 0, counts: { ...ZERO_COUNTS } };
      kinds.set(kind, totals);
    }
    totals.objects += sign;
    for (const field of COUNT_FIELDS) totals.counts[field] += sign * (contribution.counts[field] ?? 0);
    if (totals.objects === 0) kinds.delete(kind);
    if (kinds.size === 0) this.sums.delete(contribution.namespace);
    for (const link of contribution.links) {
      const id = `${contribution.namespace}\n${link.source}\n${link.target}\n${link.kind}`;
      const count = (this.links.get(id) ?? 0) + sign;
      if (count === 0) this.links.delete(id);
      else this.links.set(id, count);
    }
  }
}

const COUNT_FIELDS = Object.keys(ZERO_COUNTS) as (keyof NamespaceCounts)[];

/** The key under which alike contributions are shared; undefined for one with links (a VirtualService's own). */
function sharedId({ kind, contribution }: Held): string | undefined {
  if (contribution.links.length > 0) return undefined;
  // The fields it sets (one or two), not all nine: this runs for each object the index is filled with.
  let id = `${kind}\n${contribution.namespace}`;
  const { counts } = contribution;
  for (const field in counts) id += `\n${field}=${counts[field as keyof NamespaceCounts]}`;
  return id;
}

/** The sums over some namespaces' entries, and whether they are past what the page draws whole. */
export function totalsOf(
  namespaces: readonly NamespaceSummary[],
  limits: OverviewAnswer['limits'],
): Pick<OverviewAnswer, 'large' | 'limits' | 'totals'> {
  const totals = { ...ZERO_COUNTS, nodes: 0, namespaces: namespaces.length };
  for (const summary of namespaces) {
    for (const field of COUNT_FIELDS) totals[field] += summary.counts[field];
    totals.nodes += summary.nodes;
  }
  return {
    large: totals.nodes > limits.nodes || totals.namespaces > limits.namespaces,
    limits: { ...limits },
    totals,
  };
}

// team-2 before team-10: the grid and the picker read in the order people number namespaces.
const NAME_ORDER = new Intl.Collator('en', { numeric: true });

/** The overview's order of namespaces: as people number them (team-2 before team-10). */
export function byNamespaceName(a: NamespaceSummary, b: NamespaceSummary): number {
  return NAME_ORDER.compare(a.name, b.name) || compare(a.name, b.name);
}

/** The overview's order of links: by source, target, kind. */
export function byLinkEnds(a: NamespaceLink, b: NamespaceLink): number {
  return compare(a.source, b.source) || compare(a.target, b.target) || compare(a.kind, b.kind);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
