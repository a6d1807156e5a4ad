import { describe, expect, it } from 'vitest';
import { openingViewport } from './opening-viewport';

const screen = { width: 1000, height: 800 };
const options = { margin: 50, minZoom: 0.5 };

describe('openingViewport', () => {
  it('fits a drawing that reads at the minimum zoom', () => {
    expect(openingViewport({ x: 0, y: 0, width: 1800, height: 1400 }, screen, options)).toEqual({
      fit: true,
    });
    expect(openingViewport({ x: 0, y: 0, width: 0, height: 0 }, screen, options)).toEqual({ fit: true });
  });

  it('opens a drawing too large to read whole at its top left, as wide as the screen allows', () => {
    // A grid of namespaces: wide and very tall.
    expect(openingViewport({ x: -20, y: 10, width: 1500, height: 20_000 }, screen, options)).toEqual({
      fit: false,
      x: 50 + 20 * 0.6,
      y: 50 - 10 * 0.6,
      zoom: 0.6,
    });
    // Wider than the minimum zoom allows: the minimum, still from the top left.
    expect(openingViewport({ x: 0, y: 0, width: 9000, height: 20_000 }, screen, options)).toMatchObject({
      fit: false,
      x: 50,
      y: 50,
      zoom: 0.5,
    });
  });
});
