import { NODE_STYLE, SEVERITY_COLOUR, worstOf } from './graph-style';
import { layoutGraph } from './layout';
import type { XY } from './node-size';
import { bezierPath, type EdgeLabel, edgeLabels, edgeStroke, endsOf, LABEL, r } from './svg-edges';
import { CARD, type NodeBox, nodeBox } from './svg-node-box';
import { MONO, SANS, textWidth, wrapText } from './text-width';
import type { GraphNode, GraphProblem, MeshGraph } from './types';
import { xmlEscape as x } from './xml-escape';

/** What the picture says above the graph: a title and lines such as the namespaces and the time. */
export interface SvgHeading {
  title: string;
  lines: readonly string[];
}

/** A drawn graph: the SVG document and its size in pixels. */
export interface GraphPicture {
  svg: string;
  width: number;
  height: number;
}

const MARGIN = 24;
const TITLE_SIZE = 18;
const LINE_SIZE = 12;
const MIN_TEXT_WIDTH = 640;

/**
 * The graph as one standalone SVG document that reads like the canvas: laid out in columns
 * (gateways → VirtualServices → routes → destinations → subsets → workloads), weights on the
 * edges, problems marked, the heading on top. Every text is escaped.
 */
export async function drawGraphSvg(graph: MeshGraph, heading: SvgHeading): Promise<GraphPicture> {
  const boxes = new Map(graph.nodes.map((node) => [node.id, nodeBox(node)]));
  const sizes = Object.fromEntries(
    [...boxes].map(([id, box]) => [id, { width: box.width, height: box.height }]),
  );
  const positions = await layoutGraph(graph, sizes);
  return graphSvg(graph, positions, boxes, heading);
}

/** The SVG of a graph whose nodes are placed (top-left corners) and sized (`nodeBox`). */
export function graphSvg(
  graph: MeshGraph,
  positions: Readonly<Record<string, XY>>,
  boxes: ReadonlyMap<string, NodeBox>,
  heading: SvgHeading,
): GraphPicture {
  const placed = graph.nodes.filter((node) => positions[node.id] && boxes.get(node.id));
  const at = (id: string) => positions[id] as XY;
  const box = (id: string) => boxes.get(id) as NodeBox;
  const shown = new Set(placed.map((node) => node.id));
  const edges = graph.edges.filter((edge) => shown.has(edge.source) && shown.has(edge.target));
  const ends = new Map(
    edges.map((edge) => [
      edge.id,
      endsOf(at(edge.source), box(edge.source), at(edge.target), box(edge.target)),
    ]),
  );
  const labels = edgeLabels(edges, ends, (edge) => at(edge.source).y);

  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  const cover = (left: number, top: number, right: number, bottom: number) => {
    minX = Math.min(minX, left);
    minY = Math.min(minY, top);
    maxX = Math.max(maxX, right);
    maxY = Math.max(maxY, bottom);
  };
  for (const node of placed)
    cover(
      at(node.id).x,
      at(node.id).y,
      at(node.id).x + box(node.id).width,
      at(node.id).y + box(node.id).height,
    );
  for (const label of labels)
    cover(label.x, label.y - LABEL.height / 2, label.x + label.width, label.y + LABEL.height / 2);
  for (const end of ends.values())
    cover(
      Math.min(end.sx, end.tx),
      Math.min(end.sy, end.ty),
      Math.max(end.sx, end.tx),
      Math.max(end.sy, end.ty),
    );
  if (placed.length === 0) [minX, minY, maxX, maxY] = [0, 0, MIN_TEXT_WIDTH, 40];

  const textWidthMax = Math.max(MIN_TEXT_WIDTH, maxX - minX);
  const title = wrapText(heading.title, 'bold', TITLE_SIZE, textWidthMax);
  const lines = heading.lines.flatMap((line) => wrapText(line, 'sans', LINE_SIZE, textWidthMax));
  const headHeight = MARGIN + title.length * 24 + lines.length * 17 + 16;
  const graphWidth = maxX - minX;
  const textWidthUsed = Math.max(
    ...title.map((line) => textWidth(line, 'bold', TITLE_SIZE)),
    ...lines.map((line) => textWidth(line, 'sans', LINE_SIZE)),
  );
  const width = Math.ceil(Math.max(graphWidth, textWidthUsed) + 2 * MARGIN);
  const height = Math.ceil(headHeight + (maxY - minY) + MARGIN);
  const dx = MARGIN - minX;
  const dy = headHeight - minY;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${x(SANS)}" role="img" aria-label="${x(heading.title)}">`,
    `<title>${x(heading.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
  );
  let y = MARGIN;
  for (const line of title) {
    y += 20;
    out.push(
      `<text x="${MARGIN}" y="${y}" font-size="${TITLE_SIZE}" font-weight="700" fill="#0f172a">${x(line)}</text>`,
    );
    y += 4;
  }
  for (const line of lines) {
    y += 14;
    out.push(`<text x="${MARGIN}" y="${y}" font-size="${LINE_SIZE}" fill="#475569">${x(line)}</text>`);
    y += 3;
  }
  if (placed.length === 0) {
    out.push(
      `<text x="${MARGIN}" y="${headHeight + 16}" font-size="13" fill="#64748b">Nothing to draw: no gateways, routes or services here.</text>`,
    );
  }
  out.push(`<g transform="translate(${r(dx)},${r(dy)})">`);
  out.push('<g class="edges" fill="none">');
  for (const edge of edges) {
    const stroke = edgeStroke(edge);
    const end = ends.get(edge.id);
    if (!end) continue;
    out.push(
      `<path data-edge="${x(edge.id)}" data-kind="${edge.kind}" d="${bezierPath(end)}" stroke="${stroke.stroke}" stroke-width="${r(stroke.width)}"${stroke.dash ? ` stroke-dasharray="${stroke.dash}"` : ''}/>`,
    );
  }
  out.push('</g>', '<g class="nodes">');
  for (const node of placed) out.push(nodeSvg(node, at(node.id), box(node.id)));
  out.push('</g>', '<g class="labels">');
  for (const label of labels) out.push(labelSvg(label));
  out.push('</g>', '</g>', '</svg>');
  return { svg: `${out.join('\n')}\n`, width, height };
}

function nodeSvg(node: GraphNode, { x: left, y: top }: XY, box: NodeBox): string {
  const { width: w, height: h } = box;
  const worst = worstOf(node.problems);
  const accent = NODE_STYLE[node.kind]?.accent ?? NODE_STYLE.invalid.accent;
  const tip = [node.label, ...node.details, ...node.problems.map((p) => `${p.severity}: ${p.message}`)].join(
    '\n',
  );
  const parts = [
    `<g data-node="${x(node.id)}" data-kind="${node.kind}" transform="translate(${r(left)},${r(top)})">`,
    `<title>${x(tip)}</title>`,
    `<rect width="${w}" height="${h}" rx="6" fill="${accent}"/>`,
    `<path d="M${CARD.accent},0 H${w - 6} A6,6 0 0 1 ${w},6 V${h - 6} A6,6 0 0 1 ${w - 6},${h} H${CARD.accent} Z" fill="#ffffff"/>`,
    `<rect width="${w}" height="${h}" rx="6" fill="none" stroke="${worst ? SEVERITY_COLOUR[worst].stroke : '#cbd5e1'}" stroke-width="${worst ? 2 : 1}"/>`,
  ];
  let y = CARD.top;
  for (const line of box.tag) {
    parts.push(
      `<text x="${CARD.padLeft}" y="${y + 11}" font-size="${CARD.tagSize}" fill="#64748b">${x(line)}</text>`,
    );
    y += CARD.tagRow;
  }
  if (worst) parts.push(badgeSvg(node.problems, w - CARD.padRight - 16, CARD.top));
  for (const line of box.label) {
    parts.push(
      `<text x="${CARD.padLeft}" y="${y + 15}" font-size="${CARD.labelSize}" font-weight="700" fill="#0f172a">${x(line)}</text>`,
    );
    y += CARD.labelLine;
  }
  for (const line of box.details) {
    parts.push(
      `<text x="${CARD.padLeft}" y="${y + 12}" font-family="${x(MONO)}" font-size="${CARD.detailSize}" fill="#475569" xml:space="preserve">${x(line)}</text>`,
    );
    y += CARD.detailLine;
  }
  parts.push('</g>');
  return parts.join('');
}

/** A problem mark: `!` (or `i`), with the count when there are several. */
function badgeSvg(problems: readonly GraphProblem[], left: number, top: number): string {
  const worst = worstOf(problems) ?? 'info';
  const colour = SEVERITY_COLOUR[worst];
  const text = `${worst === 'info' ? 'i' : '!'}${problems.length > 1 ? problems.length : ''}`;
  const width = Math.max(16, textWidth(text, 'bold', 10) + 8);
  return `<g class="problem" data-severity="${worst}"><rect x="${r(left + 16 - width)}" y="${top}" width="${r(width)}" height="16" rx="8" fill="${colour.fill}"/><text x="${r(left + 16 - width / 2)}" y="${top + 11.5}" font-size="10" font-weight="700" text-anchor="middle" fill="${colour.text}">${text}</text></g>`;
}

const LABEL_STYLE: Record<EdgeLabel['kind'], { fill: string; border: string; text: string }> = {
  weight: { fill: '#ffffff', border: '#cbd5e1', text: '#0f172a' },
  mirror: { fill: '#faf5ff', border: '#d8b4fe', text: '#6b21a8' },
  delegate: { fill: '#f0fdfa', border: '#5eead4', text: '#115e59' },
  hop: { fill: '#fdf4ff', border: '#f0abfc', text: '#701a75' },
  problem: { fill: 'none', border: 'none', text: 'none' },
};

function labelSvg(label: EdgeLabel): string {
  const { edge } = label;
  const top = label.y - LABEL.height / 2;
  const badge = worstOf(edge.problems)
    ? badgeSvg(edge.problems, label.x + label.width - LABEL.pad - 16 + 2, top)
    : '';
  if (label.kind === 'problem') return `<g data-label="${x(edge.id)}">${badge}</g>`;
  const style = LABEL_STYLE[label.kind];
  const implied = label.kind === 'weight' && edge.weight && !edge.weight.explicit;
  const border = label.kind === 'weight' && worstOf(edge.problems) ? '#fbbf24' : style.border;
  return [
    `<g data-label="${x(edge.id)}" data-kind="${label.kind}">`,
    `<rect x="${r(label.x)}" y="${r(top)}" width="${r(label.width)}" height="${LABEL.height}" rx="4" fill="${style.fill}" stroke="${border}"/>`,
    `<text x="${r(label.x + LABEL.pad)}" y="${r(top + 12)}" font-size="${LABEL.size}" font-weight="${label.kind === 'weight' ? 700 : 500}"${implied ? ' font-style="italic"' : ''} fill="${implied ? '#64748b' : style.text}">${x(label.text)}</text>`,
    badge,
    '</g>',
  ].join('');
}
