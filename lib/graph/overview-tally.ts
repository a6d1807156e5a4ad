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
  private readonly sums = new Map<string, Map<string, KindTotals>>();
  // `virtualServiceNamespace \n source \n target \n kind` → references (a link is known from a VirtualService).
  private readonly links = new Map<string, number>();

  put(key: ObjectKey, object: StoredObject): void {
    this.delete(key);
    const held = { kind: storedKind(object), contribution: contributionOf(object) };
    this.held.set(key, held);
    this.apply(held, 1);
  }

  delete(key: ObjectKey): void {
    const held = this.held.get(key);
    if (!held) return;
    this.held.delete(key);
    this.apply(held, -1);
  }

  /** Every namespace an object is counted in, whoever looks. */
  namespaces(): string[] {
    return [...this.sums.keys()].filter(Boolean).sort();
  }

  /** The overview as one person sees it (without the sequence). */
  summarize(sees: Sees, problems: ProblemsOf, limits = OVERVIEW_LIMITS): Omit<OverviewAnswer, 'sequence'> {
    const namespaces: NamespaceSummary[] = [];
    for (const [name, kinds] of this.sums) {
      if (name === '') continue;
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
    namespaces.sort((a, b) => NAME_ORDER.compare(a.name, b.name) || compare(a.name, b.name));
    const byName = new Map(namespaces.map((summary) => [summary.name, summary]));
    const merged = new Map<string, NamespaceLink>();
    for (const [id, count] of this.links) {
      const [origin = '', source = '', target = '', kind] = id.split('\n');
      if (!sees('VirtualService', origin)) continue;
      const from = byName.get(source);
      if (!from || !byName.has(target)) continue;
      if (kind === 'gateway') from.gatewayFanIn += count;
      if (source === target) continue;
      const linkId = `${source}\n${target}\n${kind}`;
      const link = merged.get(linkId);
      if (link) link.count += count;
      else merged.set(linkId, { source, target, kind: kind as NamespaceLink['kind'], count });
    }
    const totals = { ...ZERO_COUNTS, nodes: 0, namespaces: namespaces.length };
    for (const summary of namespaces) {
      for (const field of COUNT_FIELDS) totals[field] += summary.counts[field];
      totals.nodes += summary.nodes;
    }
    const links = [...merged.values()].sort(
      (a, b) => compare(a.source, b.source) || compare(a.target, b.target) || compare(a.kind, b.kind),
    );
    return {
      large: totals.nodes > limits.nodes || totals.namespaces > limits.namespaces,
      limits: { ...limits },
      totals,
      namespaces,
      links,
    };
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

// team-2 before team-10: the grid and the picker read in the order people number namespaces.
const NAME_ORDER = new Intl.Collator('en', { numeric: true });

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
