import 'server-only';
import type { NamespaceLink, NamespaceSummary, OverviewAnswer, OverviewPatch } from '../api/overview';
import { patchEntries } from '../graph/overview-patch';

type Entries = Pick<OverviewAnswer, 'namespaces' | 'links'>;

/**
 * What one restricted person's overview stream has shown them: a copy of the entries and links
 * their browser holds, kept as the browser keeps its own (each message applied as
 * applyOverviewPatch applies it). A message to them holds only what differs from that. An event
 * may mark namespaces whose entries it cannot change for this person (a mesh config they may not
 * read, a ServiceEntry or Sidecar in a namespace hidden from them marks every namespace; a route
 * in a hidden namespace marks those it points into): a message repeating their unchanged
 * entries would tell them, by arriving, that something they may not see changed, and when.
 */
export class ShownOverview {
  /** The entries and links the browser holds (the namespaces in `unknown` aside). */
  private held: Entries;
  /** Namespaces held whose entry and links in the browser are not known: sent whatever they are. */
  private readonly unknown = new Set<string>();
  /**
   * Whether the browser may hold a namespace no longer listed to the person (one changed since
   * the overview it read, deleted or hidden since): no message can name it to them (its name may
   * be hidden), so the browser must read the overview again (`event: reset`).
   */
  readonly mayHoldUnlisted: boolean;

  /**
   * From the overview as the person may see it now; the namespaces in `stale` (changed since
   * the overview the browser holds) are held but their entries are not known: the next message
   * sends them whatever they are.
   */
  constructor(overview: Entries, stale: ReadonlySet<string>) {
    this.held = { namespaces: overview.namespaces, links: overview.links };
    const listed = new Set(overview.namespaces.map((entry) => entry.name));
    for (const name of stale) if (listed.has(name)) this.unknown.add(name);
    this.mayHoldUnlisted = [...stale].some((name) => !listed.has(name));
  }

  /**
   * The message for `patch` (what GET /api/overview answers now for some namespaces, `removed`
   * every one of them no longer listed): the entries that differ from those held, with their
   * links, or whose links differ, and as removed only namespaces the browser holds. Undefined
   * when nothing it holds changed: then nothing is sent. Applies what it answers to the copy.
   */
  narrow(patch: OverviewPatch): OverviewPatch | undefined {
    const entries = new Map(this.held.namespaces.map((entry) => [entry.name, entry]));
    const heldLinks = linksByNamespace(this.held.links);
    const patchLinks = linksByNamespace(patch.links);
    const namespaces = patch.namespaces.filter((entry) => {
      const held = entries.get(entry.name);
      return !held || this.unknown.has(entry.name) || faceOf(held, heldLinks) !== faceOf(entry, patchLinks);
    });
    const removed = patch.removed.filter((name) => entries.has(name));
    if (namespaces.length === 0 && removed.length === 0) return undefined;
    const touched = new Set([...removed, ...namespaces.map((entry) => entry.name)]);
    const links = patch.links.filter((link) => touched.has(link.source) || touched.has(link.target));
    const message = { sequence: patch.sequence, namespaces, removed, links };
    // The browser replaces the touched namespaces and every link touching them: both ends'.
    this.held = patchEntries(this.held, message);
    for (const name of touched) this.unknown.delete(name);
    return message;
  }
}

/** One namespace as the browser draws it: its entry and every link touching it. */
function faceOf(entry: NamespaceSummary, links: ReadonlyMap<string, string[]>): string {
  return JSON.stringify([entry, [...(links.get(entry.name) ?? [])].sort()]);
}

/** Each namespace's links (both ends'), one pass over them rather than one per namespace. */
function linksByNamespace(links: readonly NamespaceLink[]): Map<string, string[]> {
  const touching = new Map<string, string[]>();
  for (const link of links) {
    const id = `${link.source}\n${link.target}\n${link.kind}\n${link.count}`;
    for (const end of new Set([link.source, link.target])) {
      const held = touching.get(end);
      if (held) held.push(id);
      else touching.set(end, [id]);
    }
  }
  return touching;
}
