import type { OverviewAnswer, OverviewPatch } from '../api/overview';
import { byLinkEnds, byNamespaceName, totalsOf } from './overview-tally';

/**
 * The overview after a patch of the overview stream: the patched namespaces' entries and the
 * links touching them replaced, the rest kept, the totals summed again. Equal to what
 * GET /api/overview answers at the patch's sequence when the patch names every namespace
 * that changed since `overview`'s.
 */
export function applyOverviewPatch(overview: OverviewAnswer, patch: OverviewPatch): OverviewAnswer {
  if (patch.sequence <= overview.sequence) return overview;
  const { namespaces, links } = patchEntries(overview, patch);
  return {
    ...overview,
    ...totalsOf(namespaces, overview.limits),
    sequence: patch.sequence,
    namespaces,
    links,
  };
}

/**
 * The entries and links after a patch, as applyOverviewPatch makes them (its sequence aside):
 * what a stream's server keeps to know what the browser holds.
 */
export function patchEntries(
  overview: Pick<OverviewAnswer, 'namespaces' | 'links'>,
  patch: Pick<OverviewPatch, 'namespaces' | 'removed' | 'links'>,
): Pick<OverviewAnswer, 'namespaces' | 'links'> {
  const touched = new Set([...patch.removed, ...patch.namespaces.map((summary) => summary.name)]);
  const namespaces = [
    ...overview.namespaces.filter((summary) => !touched.has(summary.name)),
    ...patch.namespaces,
  ].sort(byNamespaceName);
  const links = [
    ...overview.links.filter((link) => !touched.has(link.source) && !touched.has(link.target)),
    ...patch.links,
  ].sort(byLinkEnds);
  return { namespaces, links };
}
