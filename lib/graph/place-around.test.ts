import { describe, expect, it } from 'vitest';
import { nearestFreeY, placeAround } from './place-around';
import type { GraphNode } from './types';

const node = (id: string, kind: GraphNode['kind']): GraphNode => ({
  id,
  kind,
  namespace: 'shop',
  label: id,
  details: [],
  problems: [],
});
const size = () => ({ width: 200, height: 60 });

describe('nearestFreeY', () => {
  const column = [
    { x: 0, y: 0, width: 200, height: 60 },
    { x: 0, y: 100, width: 200, height: 60 },
    { x: 0, y: 400, width: 200, height: 60 },
  ];

  it('keeps a free place', () => {
    expect(nearestFreeY({ x: 0, y: 200, width: 200, height: 60 }, column)).toBe(200);
    expect(nearestFreeY({ x: 300, y: 0, width: 200, height: 60 }, column)).toBe(0);
  });

  it('moves to the nearest free place, up or down', () => {
    // Between 100..160 and 400..460 there is room from 172 to 328.
    expect(nearestFreeY({ x: 0, y: 120, width: 200, height: 60 }, column)).toBe(172);
    expect(nearestFreeY({ x: 0, y: 20, width: 200, height: 60 }, column)).toBe(-72);
    expect(nearestFreeY({ x: 0, y: 390, width: 200, height: 60 }, column)).toBe(328);
  });
});

describe('placeAround', () => {
  it('keeps kept nodes, lines new ones up with their column and their neighbour', () => {
    const nodes = [node('vs', 'virtualService'), node('r0', 'route'), node('r1', 'route')];
    const neighbours = new Map([
      ['vs', ['r0', 'r1']],
      ['r0', ['vs']],
      ['r1', ['vs']],
    ]);
    const kept = new Map([
      ['vs', { x: 500, y: 1000 }],
      ['r0', { x: 900, y: 1000 }],
    ]);
    const fresh = { vs: { x: 0, y: 0 }, r1: { x: 300, y: 0 } };
    const positions = placeAround(nodes, neighbours, size, kept, fresh);
    expect(positions.vs).toEqual({ x: 500, y: 1000 });
    expect(positions.r0).toEqual({ x: 900, y: 1000 });
    // Wanted beside the VirtualService, where r0 already is: the nearest free place instead.
    expect(positions.r1).toEqual({ x: 900, y: 1072 });
  });

  it('puts a new column right of the nearest placed one and an unconnected node below the drawing', () => {
    const nodes = [node('vs', 'virtualService'), node('gw', 'gateway'), node('lost', 'workload')];
    const kept = new Map([['gw', { x: 0, y: 0 }]]);
    const fresh = { vs: { x: 0, y: 0 }, lost: { x: 0, y: 0 } };
    const positions = placeAround(nodes, new Map(), size, kept, fresh);
    expect(positions.vs?.x).toBe(200 + 96);
    expect(positions.lost?.y).toBeGreaterThanOrEqual(60);
  });

  it('lays new columns left of every kept one out leftwards from it, in column order', () => {
    // A ServiceEntry on screen, then a VirtualService sending to it (its route, destinations and
    // subset are new): they stand left of the entry, one column each. They were marched right
    // from the first of them, so the route's column landed on the entry's and the subset's
    // beyond it (the egress journey's chain, the VirtualService heard before its Gateway).
    const nodes = [
      node('se', 'serviceEntry'),
      node('vs', 'virtualService'),
      node('route', 'route'),
      node('dest', 'destination'),
      node('subset', 'subset'),
      node('pod', 'workload'),
    ];
    const kept = new Map([['se', { x: 0, y: 0 }]]);
    const fresh = {
      vs: { x: 0, y: 0 },
      route: { x: 0, y: 0 },
      dest: { x: 0, y: 0 },
      subset: { x: 0, y: 0 },
      pod: { x: 0, y: 0 },
    };
    const positions = placeAround(nodes, new Map(), size, kept, fresh);
    const x = (id: string) => positions[id]?.x;
    expect(x('se')).toBe(0);
    expect([x('vs'), x('route'), x('dest'), x('subset')]).toEqual([-4 * 296, -3 * 296, -2 * 296, -296]);
    expect(x('pod')).toBe(296);
  });
});
