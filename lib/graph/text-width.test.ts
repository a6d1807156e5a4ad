import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charWidth, textWidth, wrapText } from './text-width';

describe('text width', () => {
  it('measures with Arial metrics, bold wider, monospace even', () => {
    expect(textWidth('catalog', 'sans', 1000)).toBe(500 + 556 + 278 + 556 + 222 + 556 + 556);
    expect(textWidth('catalog', 'bold', 14)).toBeGreaterThan(textWidth('catalog', 'sans', 14));
    expect(textWidth('iiii', 'mono', 10)).toBe(textWidth('WWWW', 'mono', 10));
    expect(charWidth('界', 'sans', 10)).toBe(10);
  });
});

describe('wrapText', () => {
  it('breaks a long host list after a separator and keeps every character', () => {
    const line = 'hosts: reviews.shop.svc.cluster.local, ratings.shop.svc.cluster.local';
    const lines = wrapText(line, 'mono', 11, 200);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[0]?.endsWith(',') || lines[0]?.endsWith('.')).toBe(true);
    expect(lines.join('').replace(/\s/g, '')).toBe(line.replace(/\s/g, ''));
  });

  it('cuts again when what follows a break still does not fit (found by the property below)', () => {
    const lines = wrapText(' i0', 'sans', 12, 6);
    expect(lines.join('')).toBe('i0');
    for (const line of lines)
      if ([...line].length > 1) expect(textWidth(line, 'sans', 12)).toBeLessThanOrEqual(6);
  });

  it('never loses text and never makes a line wider than asked (but for a lone character)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.integer({ min: 1, max: 400 }), (text, max) => {
        const lines = wrapText(text, 'sans', 12, max);
        expect(lines.length).toBeGreaterThan(0);
        expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
        for (const line of lines) {
          if ([...line].length > 1) expect(textWidth(line, 'sans', 12)).toBeLessThanOrEqual(max + 1e-9);
        }
      }),
    );
  });
});
