import type { ELK as Elk, ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { NamespaceSummary, OverviewAnswer } from '../api/overview';
import { NAMESPACE_CARD_HEIGHT, namespaceCardSize } from './namespace-card';
import type { XY } from './node-size';

/**
 * Up to this many namespaces elk lays the overview out by its links; past it, a grid in name
 * order, which costs nothing and is what a reader of that many cards scans anyway (the search
 * finds one). Measured on the shared 2-core machine at load 20, a chain of namespaces each
 * routing into the next: 50 cards 1.1 s, 150 cards 3.3 s, 300 cards 5 s (about a tenth of
 * that unloaded): past about 60 the overview would no longer open within the 3 s.
 */
export const OVERVIEW_ELK_LIMIT = 60;

const GAP = 40;

// Loaded on first use: the page's scripts never carry elk (1.5 MB, slow to evaluate), and a
// grid of many namespaces never needs it.
let elk: Promise<Elk> | undefined;
function loadElk(): Promise<Elk> {
  elk ??= import('elkjs/lib/elk.bundled.js').then(({ default: ELK }) => new ELK());
  return elk;
}

/** Top-left corners of the overview's namespace cards, by namespace name. */
export async function layoutOverview(
  overview: Pick<OverviewAnswer, 'namespaces' | 'links'>,
): Promise<Record<string, XY>> {
  const names = overview.namespaces.map((summary) => summary.name);
  if (names.length > OVERVIEW_ELK_LIMIT) return gridLayout(overview.namespaces);
  const known = new Set(names);
  const graph: ElkNode = {
    id: 'overview',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': String(GAP),
      'elk.layered.spacing.nodeNodeBetweenLayers': String(GAP * 2),
      'elk.spacing.componentComponent': String(GAP),
      'elk.aspectRatio': '1.6',
      // A chain of namespaces (each routing into the next) wraps into rows instead of one long line.
      'elk.layered.wrapping.strategy': 'MULTI_EDGE',
    },
    children: overview.namespaces.map((summary) => ({ id: summary.name, ...namespaceCardSize(summary) })),
    edges: overview.links
      .filter((link) => known.has(link.source) && known.has(link.target))
      .map((link, i) => ({ id: `e${i}`, sources: [link.source], targets: [link.target] })),
  };
  const laid = await (await loadElk()).layout(graph);
  return Object.fromEntries(
    (laid.children ?? []).map((child) => [child.id, { x: child.x ?? 0, y: child.y ?? 0 }]),
  );
}

/** Cards in rows (the whole about 1.6 times as wide as tall), each column as wide as its widest card, in the order given. */
export function gridLayout(namespaces: readonly NamespaceSummary[]): Record<string, XY> {
  const widths = namespaces.map((summary) => namespaceCardSize(summary).width);
  const typical = widths.length > 0 ? Math.max(...widths) : 0;
  const columns = Math.max(
    1,
    Math.ceil(Math.sqrt((namespaces.length * 1.6 * NAMESPACE_CARD_HEIGHT) / Math.max(1, typical))),
  );
  const columnWidth = Array.from({ length: columns }, () => 0);
  widths.forEach((width, i) => {
    columnWidth[i % columns] = Math.max(columnWidth[i % columns] ?? 0, width);
  });
  const columnX: number[] = [];
  let x = 0;
  for (const width of columnWidth) {
    columnX.push(x);
    x += width + GAP;
  }
  return Object.fromEntries(
    namespaces.map((summary, i) => [
      summary.name,
      { x: columnX[i % columns] ?? 0, y: Math.floor(i / columns) * (NAMESPACE_CARD_HEIGHT + GAP) },
    ]),
  );
}
