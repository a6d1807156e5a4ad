import 'server-only';
import type { NamespaceLink, NamespaceSummary, OverviewAnswer, OverviewPatch } from '../api/overview';

/**
 * What one restricted person's overview stream has shown them: the namespaces named to them
 * and, for each, its entry and the links touching it as they were last sent. A message to them
 * holds only what differs from that. An event may mark namespaces whose entries it cannot
 * change for this person (a mesh config they may not read, a ServiceEntry or Sidecar in a
 * namespace hidden from them marks every namespace; a route in a hidden namespace marks those
 * it points into): a message repeating their unchanged entries would tell them, by arriving,
 * that something they may not see changed, and when.
 */
export class ShownOverview {
  /** Each namespace's entry and links as the browser holds them; absent: not known to be held. */
  private readonly faces = new Map<string, string>();
  /** The namespaces the person has been shown: the only ones `removed` may name to them. */
  private readonly named = new Set<string>();

  /**
   * From the overview as the person may see it now; the namespaces in `stale` (changed since
   * the overview the browser holds) are named but their entries are not known to be held: the
   * next message sends them whatever they are.
   */
  constructor(overview: Pick<OverviewAnswer, 'namespaces' | 'links'>, stale: ReadonlySet<string>) {
    const links = linksByNamespace(overview.links);
    for (const entry of overview.namespaces) {
      this.named.add(entry.name);
      if (!stale.has(entry.name)) this.faces.set(entry.name, faceOf(entry, links));
    }
  }

  /**
   * The message for `patch` (what GET /api/overview answers now for some namespaces, `removed`
   * every one of them no longer listed): the entries that differ from those shown, the links
   * touching them, and as removed only namespaces the person was shown. Undefined when nothing
   * they were shown changed: then nothing is sent. Records what it answers as shown.
   */
  narrow(patch: OverviewPatch): OverviewPatch | undefined {
    const touching = linksByNamespace(patch.links);
    const namespaces = patch.namespaces.filter((entry) => {
      const face = faceOf(entry, touching);
      if (this.faces.get(entry.name) === face) return false;
      this.faces.set(entry.name, face);
      this.named.add(entry.name);
      return true;
    });
    const removed = patch.removed.filter((name) => this.named.has(name));
    for (const name of removed) {
      this.named.delete(name);
      this.faces.delete(name);
    }
    if (namespaces.length === 0 && removed.length === 0) return undefined;
    const touched = new Set([...removed, ...namespaces.map((entry) => entry.name)]);
    const links = patch.links.filter((link) => touched.has(link.source) || touched.has(link.target));
    return { sequence: patch.sequence, namespaces, removed, links };
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
