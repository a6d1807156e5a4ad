import { describe, expect, it } from 'vitest';
import { pointOnEdge } from './edge-geometry';

const ends = { sourceX: 0, sourceY: 0, targetX: 400, targetY: 200 };

describe('pointOnEdge', () => {
  it('starts at the source and ends at the target', () => {
    expect(pointOnEdge(ends, 0)).toEqual({ x: 0, y: 0 });
    expect(pointOnEdge(ends, 1)).toEqual({ x: 400, y: 200 });
  });

  it('is the middle at one half, like React Flow puts its labels', () => {
    expect(pointOnEdge(ends, 0.5)).toEqual({ x: 200, y: 100 });
  });

  it('lies nearer the target further along', () => {
    const point = pointOnEdge(ends, 0.75);
    expect(point.y).toBeGreaterThan(150);
    expect(point.x).toBeGreaterThan(200);
  });
});
