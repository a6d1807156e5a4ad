import { describe, expect, it } from 'vitest';
import { validate } from '../validate';
import { buildGraph } from './build-graph';
import { drawGraphSvg } from './graph-svg';
import { shopSnapshot, virtualService } from './test-fixtures';
import type { MeshGraph } from './types';
import { xmlEscape } from './xml-escape';

const heading = { title: 'Routing graph · shop', lines: ['Routing as of 2026-03-03T14:00:00.000Z'] };

const shopGraph = (): MeshGraph => {
  const snapshot = shopSnapshot();
  return buildGraph(snapshot, validate(snapshot));
};

/** Each drawn card: its node id, kind, place and size, read back from the SVG. */
function cards(svg: string) {
  const card =
    /<g data-node="([^"]*)" data-kind="([^"]*)" transform="translate\(([-\d.]+),([-\d.]+)\)"><title>[^<]*<\/title><rect width="([\d.]+)" height="([\d.]+)"/g;
  return [...svg.matchAll(card)].map((m) => ({
    id: m[1] ?? '',
    kind: m[2] ?? '',
    x: Number(m[3]),
    y: Number(m[4]),
    width: Number(m[5]),
    height: Number(m[6]),
  }));
}

// Only the elements the renderer writes, so no text ever became markup.
const TAG = /<\/?([a-zA-Z:]+)/g;
const ELEMENTS = new Set(['svg', 'title', 'rect', 'path', 'text', 'g']);

describe('drawGraphSvg', () => {
  it('draws a card for every node, with its title and details, and a path for every edge', async () => {
    const graph = shopGraph();
    const { svg } = await drawGraphSvg(graph, heading);
    const drawn = cards(svg);
    expect(drawn.map((c) => c.id).sort()).toEqual(graph.nodes.map((n) => xmlEscape(n.id)).sort());
    for (const node of graph.nodes) {
      expect(svg).toContain(`>${xmlEscape(node.label)}</text>`);
      for (const line of node.details) expect(svg).toContain(`>${xmlEscape(line)}</text>`);
    }
    for (const edge of graph.edges) expect(svg).toContain(`<path data-edge="${xmlEscape(edge.id)}"`);
    expect(svg).toContain('>Routing graph · shop</text>');
  });

  it('labels each weight edge with its share, and the mirror with its percentage', async () => {
    const graph = shopGraph();
    const { svg } = await drawGraphSvg(graph, heading);
    const weights = graph.edges.filter((edge) => edge.kind === 'weight');
    expect(weights.map((edge) => edge.weight?.weight)).toEqual(expect.arrayContaining([90, 10]));
    for (const edge of weights) {
      const label = new RegExp(
        `<g data-label="${xmlEscape(edge.id).replace(/[|/.]/g, '\\$&')}" data-kind="weight">.*?>${edge.weight?.weight}%</text>`,
      );
      expect(svg).toMatch(label);
    }
    expect(svg).toMatch(/>mirror 10%<\/text>/);
  });

  it('places cards in columns without overlaps, inside the picture', async () => {
    const { svg, width, height } = await drawGraphSvg(shopGraph(), heading);
    const drawn = cards(svg);
    const offset = /<g transform="translate\(([-\d.]+),([-\d.]+)\)">/.exec(svg);
    const [dx, dy] = [Number(offset?.[1]), Number(offset?.[2])];
    for (const a of drawn) {
      expect(a.x + dx).toBeGreaterThanOrEqual(0);
      expect(a.y + dy).toBeGreaterThanOrEqual(0);
      expect(a.x + dx + a.width).toBeLessThanOrEqual(width);
      expect(a.y + dy + a.height).toBeLessThanOrEqual(height);
      for (const b of drawn) {
        if (a === b) continue;
        const apart =
          a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
    const column = (kind: string) => drawn.filter((c) => c.kind === kind).map((c) => c.x);
    expect(Math.max(...column('gateway'))).toBeLessThan(Math.min(...column('virtualService')));
    expect(Math.max(...column('virtualService'))).toBeLessThan(Math.min(...column('route')));
    expect(Math.max(...column('route'))).toBeLessThan(Math.min(...column('destination')));
  });

  it('escapes hostile names so that they stay text', async () => {
    const hostile = '<script>alert("x")</script>&amp;\'\u0001';
    const snapshot = shopSnapshot([
      virtualService('shop', 'evil', {
        hosts: [`${hostile}.example`],
        http: [
          {
            name: `]]><svg onload="alert(1)">`,
            match: [{ headers: { [hostile]: { exact: hostile } } }],
            route: [{ destination: { host: hostile }, weight: 100 }],
          },
        ],
      }),
    ]);
    const graph = buildGraph(snapshot, validate(snapshot));
    const { svg } = await drawGraphSvg(graph, { title: hostile, lines: [hostile] });
    for (const [, name] of svg.matchAll(TAG)) expect(ELEMENTS.has(name ?? '')).toBe(true);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('onload="');
    expect(svg).not.toContain('\u0001');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;amp;&apos;\uFFFD');
    // Attributes are quoted with " and no value holds a bare one.
    for (const [, value] of svg.matchAll(/="([^"]*)"/g)) expect(value).not.toMatch(/[<>]/);
  });

  it('gives the same document for the same graph', async () => {
    const first = await drawGraphSvg(shopGraph(), heading);
    const second = await drawGraphSvg(shopGraph(), heading);
    expect(second.svg).toBe(first.svg);
  });

  it('says so when there is nothing to draw', async () => {
    const { svg, width, height } = await drawGraphSvg({ nodes: [], edges: [] }, heading);
    expect(svg).toContain('Nothing to draw');
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
  });
});
