import { describe, expect, it } from 'vitest';
import { weightsChange } from '../mesh/changes/weights-change';
import type { ObjectRef } from '../mesh/types';
import { type ChangeRequest, supersededInQueue } from './change-mutation';

const http: ObjectRef = { kind: 'HTTPRoute', namespace: 'shop', name: 'cart' };
const grpc: ObjectRef = { kind: 'GRPCRoute', namespace: 'shop', name: 'cart' };
const vs: ObjectRef = { kind: 'VirtualService', namespace: 'shop', name: 'cart' };

const weights = (ref: ObjectRef, values: number[], routeKind: 'rules' | 'http' = 'rules'): ChangeRequest => ({
  change: weightsChange({ ref, routeKind, routeIndex: 0 }, values),
  resourceVersion: '1',
});

describe('supersededInQueue', () => {
  it("skips a route's weights when newer weights for it are queued behind", () => {
    const first = weights(http, [80, 20]);
    const queue = [first, weights(http, [70, 30])];
    expect(supersededInQueue(queue, first)).toBe(true);
    expect(supersededInQueue(queue, queue[1] as ChangeRequest)).toBe(false);
  });

  it('never skips for a route of another kind with the same name and rule (HTTPRoute and GRPCRoute)', () => {
    const first = weights(http, [80, 20]);
    expect(supersededInQueue([first, weights(grpc, [70, 30])], first)).toBe(false);
  });

  it('never skips for another route of the same name, or a change that is not weights', () => {
    const first = weights(vs, [80, 20], 'http');
    expect(supersededInQueue([first, weights(http, [70, 30])], first)).toBe(false);
    const add: ChangeRequest = {
      change: {
        kind: 'AddDestination',
        target: vs,
        routeKind: 'http',
        routeIndex: 0,
        destination: { host: 'cart' },
      },
      resourceVersion: '1',
    };
    expect(supersededInQueue([add, weights(vs, [50, 50], 'http')], add)).toBe(false);
  });
});

describe('supersededInQueue after a route moves', () => {
  const move: ChangeRequest = {
    change: { kind: 'MoveRoute', target: vs, routeKind: 'http', from: 1, to: 0 },
    resourceVersion: '1',
  };

  it('sends weights queued before a move: the later write to the same position is another route', () => {
    const first = weights(vs, [80, 20], 'http');
    expect(supersededInQueue([first, move, weights(vs, [70, 30], 'http')], first)).toBe(false);
  });

  it('still skips weights superseded before the move, and a move of another object breaks nothing', () => {
    const first = weights(vs, [80, 20], 'http');
    expect(
      supersededInQueue([first, weights(vs, [75, 25], 'http'), move, weights(vs, [70, 30], 'http')], first),
    ).toBe(true);
    const elsewhere: ChangeRequest = {
      ...move,
      change: { ...move.change, target: { ...vs, name: 'other' } },
    };
    expect(supersededInQueue([first, elsewhere, weights(vs, [70, 30], 'http')], first)).toBe(true);
  });
});
