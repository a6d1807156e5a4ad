import { describe, expect, it } from 'vitest';
import { nodeSize } from './node-size';
import { nodeBox } from './svg-node-box';
import { textWidth } from './text-width';
import type { GraphNode } from './types';

const node = (label: string, details: string[] = [], problems: GraphNode['problems'] = []): GraphNode => ({
  id: `vs:shop/${label}`,
  kind: 'virtualService',
  namespace: 'shop',
  label,
  details,
  problems,
});

describe('nodeBox', () => {
  it('is as wide as on the canvas for short text, and as tall as its lines', () => {
    const box = nodeBox(node('catalog', ['hosts: catalog', 'gateways: mesh']));
    expect(box.width).toBe(nodeSize({ kind: 'virtualService', details: [] }).width);
    expect(box.height).toBe(6 + 16 + 20 + 2 * 16 + 10);
    expect(box.tag).toEqual(['VIRTUALSERVICE · shop']);
  });

  it('grows for a long name rather than cutting it off', () => {
    const label = 'checkout-payments-gateway-canary-2026';
    const box = nodeBox(node(label));
    expect(box.label).toEqual([label]);
    expect(box.width).toBeGreaterThanOrEqual(textWidth(label, 'bold', 14) + 24);
  });

  it('wraps what would be wider than the limit, keeping every character', () => {
    const hosts = `hosts: ${Array.from({ length: 12 }, (_, i) => `service-${i}.shop.svc.cluster.local`).join(', ')}`;
    const box = nodeBox(node('catalog', [hosts]));
    expect(box.details.length).toBeGreaterThan(1);
    expect(box.details.join('').replace(/\s/g, '')).toBe(hosts.replace(/\s/g, ''));
    for (const line of box.details) expect(textWidth(line, 'mono', 11)).toBeLessThanOrEqual(box.width - 24);
  });

  it('leaves room on the tag line for a problem badge', () => {
    const plain = nodeBox(node('x'));
    const marked = nodeBox(node('x', [], [{ severity: 'error', message: 'no such subset' }]));
    expect(marked.width).toBeGreaterThanOrEqual(plain.width);
    expect(textWidth(marked.tag[0] ?? '', 'sans', 10) + 20).toBeLessThanOrEqual(marked.width - 24);
  });
});
