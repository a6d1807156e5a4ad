import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keepInView } from './keep-in-view';

const screen = { width: 1000, height: 800 };

describe('keepInView', () => {
  it('leaves the view alone when the box is on screen', () => {
    expect(keepInView({ x: 100, y: 100, width: 200, height: 50 }, { x: 0, y: 0, zoom: 1 }, screen, 24)).toBe(
      undefined,
    );
  });

  it('pans left just enough to show a box cut off at the right (the inspector opened over it)', () => {
    const moved = keepInView({ x: 900, y: 100, width: 200, height: 50 }, { x: 0, y: 0, zoom: 1 }, screen, 24);
    expect(moved).toEqual({ x: -124, y: 0, zoom: 1 });
  });

  it('works in screen pixels at any zoom, and never zooms', () => {
    const moved = keepInView(
      { x: 900, y: 0, width: 200, height: 50 },
      { x: 10, y: 40, zoom: 0.5 },
      screen,
      24,
    );
    // At zoom 0.5 the box spans 460..560 on screen: already in view.
    expect(moved).toBe(undefined);
    const far = keepInView(
      { x: 2000, y: 0, width: 200, height: 50 },
      { x: 10, y: 40, zoom: 0.5 },
      screen,
      24,
    );
    expect(far).toEqual({ x: 10 - (1010 + 100 - 976), y: 40, zoom: 0.5 });
  });

  it('shows the top left of a box larger than the screen', () => {
    const moved = keepInView({ x: 0, y: 0, width: 3000, height: 50 }, { x: -500, y: 0, zoom: 1 }, screen, 24);
    expect(moved?.x).toBe(24);
  });

  it('puts any box that fits inside the margins', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5000, max: 5000 }),
        fc.integer({ min: -5000, max: 5000 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 300 }),
        fc.double({ min: 0.1, max: 2, noNaN: true }),
        (x, y, width, height, zoom) => {
          const box = { x, y, width, height };
          const view = keepInView(box, { x: 0, y: 0, zoom }, screen, 24) ?? { x: 0, y: 0, zoom };
          expect(view.zoom).toBe(zoom);
          const left = x * zoom + view.x;
          const top = y * zoom + view.y;
          const fitsAcross = width * zoom <= screen.width - 48;
          const fitsDown = height * zoom <= screen.height - 48;
          if (fitsAcross) {
            expect(left).toBeGreaterThanOrEqual(24 - 1e-6);
            expect(left + width * zoom).toBeLessThanOrEqual(screen.width - 24 + 1e-6);
          } else expect(left).toBeCloseTo(24);
          if (fitsDown) {
            expect(top).toBeGreaterThanOrEqual(24 - 1e-6);
            expect(top + height * zoom).toBeLessThanOrEqual(screen.height - 24 + 1e-6);
          }
        },
      ),
    );
  });
});
