import type { XY } from './flow-types';

interface Ends {
  sourceX: number;
  sourceY: number;
  targetX: number;
  targetY: number;
}

// React Flow's bezier between a right-hand source and a left-hand target uses these control
// points (curvature 0.25); the label point must lie on the same curve.
function controlOffset(distance: number): number {
  return distance >= 0 ? 0.5 * distance : 0.25 * 25 * Math.sqrt(-distance);
}

/**
 * The point at `t` (0 = source, 1 = target) along a left-to-right bezier edge. Labels sit
 * towards the target, where the edges leaving one route have spread apart.
 */
export function pointOnEdge({ sourceX, sourceY, targetX, targetY }: Ends, t: number): XY {
  const offset = controlOffset(targetX - sourceX);
  const xs = [sourceX, sourceX + offset, targetX - offset, targetX];
  const ys = [sourceY, sourceY, targetY, targetY];
  const u = 1 - t;
  const weights = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
  const at = (values: number[]) => values.reduce((sum, value, i) => sum + value * (weights[i] ?? 0), 0);
  return { x: at(xs), y: at(ys) };
}
