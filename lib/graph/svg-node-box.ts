import { NODE_STYLE } from './graph-style';
import { nodeSize } from './node-size';
import { textWidth, wrapText } from './text-width';
import type { GraphNode } from './types';

/** A node as the SVG draws it: its size and its text, broken into lines that fit. */
export interface NodeBox {
  width: number;
  height: number;
  tag: string[];
  label: string[];
  details: string[];
}

/** Text sizes and spacing of a card, as on the canvas (px). */
export const CARD = {
  accent: 4,
  padLeft: 14,
  padRight: 10,
  top: 6,
  tagRow: 16,
  labelLine: 20,
  detailLine: 16,
  bottom: 10,
  tagSize: 10,
  labelSize: 14,
  detailSize: 11,
  badge: 20,
} as const;

// Wider than this, a line wraps rather than stretching its column.
const MAX_TEXT = 440;

/**
 * The card of a node: at least as wide as on the canvas, wider when its text needs it (up to
 * a limit past which lines wrap), and as tall as its lines. Names are never cut off.
 */
export function nodeBox(node: GraphNode): NodeBox {
  const tag = `${node.tag ?? NODE_STYLE[node.kind]?.tag ?? node.kind}`.toUpperCase();
  const tagLine = node.namespace ? `${tag} · ${node.namespace}` : tag;
  const badge = node.problems.length > 0 ? CARD.badge : 0;
  const details = Array.isArray(node.details) ? node.details.map(String) : [];
  const needed = Math.max(
    textWidth(tagLine, 'sans', CARD.tagSize) + badge,
    textWidth(node.label, 'bold', CARD.labelSize),
    ...details.map((line) => textWidth(line, 'mono', CARD.detailSize)),
  );
  const text = Math.min(
    MAX_TEXT,
    Math.max(nodeSize(node).width - CARD.padLeft - CARD.padRight, Math.ceil(needed)),
  );
  const tagLines = wrapText(tagLine, 'sans', CARD.tagSize, text - badge);
  const label = wrapText(node.label, 'bold', CARD.labelSize, text);
  const lines = details.flatMap((line) => wrapText(line, 'mono', CARD.detailSize, text));
  return {
    width: text + CARD.padLeft + CARD.padRight,
    height:
      CARD.top +
      CARD.tagRow * tagLines.length +
      CARD.labelLine * label.length +
      CARD.detailLine * lines.length +
      CARD.bottom,
    tag: tagLines,
    label,
    details: lines,
  };
}
