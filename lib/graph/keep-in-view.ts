import type { Box } from './opening-viewport';

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * The viewport moved (never zoomed) just enough to show `box` (in graph coordinates) within
 * `margin` of the screen's edges, or undefined when it is on screen already. When the box is
 * larger than the screen, its top left is shown. The inspector opening narrows the canvas and
 * used to hide the very edge or node just clicked (its label and slider are at the right).
 */
export function keepInView(
  box: Box,
  viewport: Viewport,
  screen: { width: number; height: number },
  margin: number,
): Viewport | undefined {
  const x = shift(box.x * viewport.zoom + viewport.x, box.width * viewport.zoom, screen.width, margin);
  const y = shift(box.y * viewport.zoom + viewport.y, box.height * viewport.zoom, screen.height, margin);
  if (x === 0 && y === 0) return undefined;
  return { x: viewport.x + x, y: viewport.y + y, zoom: viewport.zoom };
}

/** How far to move a span starting at `start` (screen pixels) so it lies inside [margin, size - margin]. */
function shift(start: number, length: number, size: number, margin: number): number {
  const end = start + length;
  if (start >= margin && end <= size - margin) return 0;
  // Too long to show whole, or cut at the start: its start at the margin.
  if (length > size - 2 * margin || start < margin) return margin - start;
  return size - margin - end;
}
