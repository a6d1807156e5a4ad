import type { XY } from './node-size';

export interface Box extends XY {
  width: number;
  height: number;
}

/**
 * Where a canvas opens: the whole drawing when it can be read at `minZoom` (`fit`), else its
 * top left at a readable zoom (as wide as the screen allows, between `minZoom` and 1), so a
 * tall graph or a grid of 500 namespaces opens at its first items, not in its middle.
 */
export function openingViewport(
  bounds: Box,
  screen: { width: number; height: number },
  { margin, minZoom }: { margin: number; minZoom: number },
): { fit: true } | { fit: false; x: number; y: number; zoom: number } {
  const across = (screen.width - 2 * margin) / bounds.width;
  const down = (screen.height - 2 * margin) / bounds.height;
  if (!(bounds.width > 0 && bounds.height > 0) || Math.min(across, down) >= minZoom) return { fit: true };
  const zoom = Math.min(1, Math.max(minZoom, across));
  return { fit: false, x: margin - bounds.x * zoom, y: margin - bounds.y * zoom, zoom };
}
