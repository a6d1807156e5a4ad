import { describe, expect, it } from 'vitest';
import { COLUMNS, columnOf, nodeSize } from './node-size';

describe('nodeSize and columns', () => {
  it('sizes a node by kind and number of detail lines', () => {
    const route = nodeSize({ kind: 'route', details: ['uri prefix /api', 'timeout 10s'] });
    expect(route.height).toBeGreaterThan(nodeSize({ kind: 'route', details: ['default'] }).height);
    expect(nodeSize({ kind: 'subset', details: [] }).width).toBeLessThan(route.width);
  });

  it('orders the columns as the flow goes', () => {
    expect(COLUMNS.slice(0, 7)).toEqual([
      'gateway',
      'virtualService',
      'route',
      'destination',
      'subset',
      'serviceEntry',
      'workload',
    ]);
    expect(columnOf('route')).toBe(2);
    // Past an egress gateway, each kind stands in the next set of columns.
    expect(columnOf('gateway', 1)).toBe(COLUMNS.length);
    expect(columnOf('route', 1)).toBeGreaterThan(columnOf('workload'));
    expect(columnOf('route', -1)).toBe(2);
    expect(columnOf('something-else')).toBe(COLUMNS.length - 1);
  });
});
