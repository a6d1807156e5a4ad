import type { NamespaceSummary } from '../api/overview';
import type { Size } from './node-size';
import { textWidth } from './text-width';

/** A count and its noun: `1 route`, `2,000 routes`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

/** What a namespace's card says: its badges' words and three lines of counts. */
export function namespaceCardText(summary: NamespaceSummary): { badges: string[]; lines: string[] } {
  const { counts, problems } = summary;
  const badges = !problems
    ? ['problems: open to see']
    : problems.errors === 0 && problems.warnings === 0
      ? ['no problems']
      : [
          ...(problems.errors > 0 ? [plural(problems.errors, 'error')] : []),
          ...(problems.warnings > 0 ? [plural(problems.warnings, 'warning')] : []),
        ];
  const fanIn = summary.gatewayFanIn > 0 ? ` · fan-in ${plural(summary.gatewayFanIn, 'binding')}` : '';
  return {
    badges,
    lines: [
      `${plural(counts.virtualServices, 'VirtualService')} · ${plural(counts.routes, 'route')}`,
      `${plural(counts.services + counts.serviceEntries, 'service')} · ${plural(counts.workloads, 'workload')}`,
      `${plural(counts.gateways, 'gateway')}${fanIn}`,
    ],
  };
}

const PADDING_X = 12 + 4 + 2;
const BADGE_PADDING = 12;
const BADGE_GAP = 4;
const TITLE_GAP = 8;
const MIN_WIDTH = 200;
/** Padding, a 20px title line and three 16px lines of counts, the borders. */
export const NAMESPACE_CARD_HEIGHT = 16 + 20 + 3 * 16 + 4 + 6;

/** The card's size: wide enough for every line of it in its face (nothing cut off). */
export function namespaceCardSize(summary: NamespaceSummary): Size {
  const { badges, lines } = namespaceCardText(summary);
  const badgeWidth = badges.reduce(
    (sum, badge, i) => sum + textWidth(badge, 'bold', 10) + BADGE_PADDING + (i > 0 ? BADGE_GAP : 0),
    0,
  );
  const title = textWidth(summary.name, 'bold', 14) + TITLE_GAP + badgeWidth;
  const widest = Math.max(title, ...lines.map((line) => textWidth(line, 'sans', 12)));
  return { width: Math.max(MIN_WIDTH, Math.ceil(widest + 2 * PADDING_X + 8)), height: NAMESPACE_CARD_HEIGHT };
}
