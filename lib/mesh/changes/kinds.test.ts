import { describe, expect, it } from 'vitest';
import { meshChangeSchema } from './kinds';

const target = { kind: 'VirtualService', namespace: 'shop', name: 'checkout' };

describe('destination changes over HTTP', () => {
  it('reads AddDestination and RemoveDestination', () => {
    const add = {
      kind: 'AddDestination',
      target,
      routeKind: 'http',
      routeIndex: 1,
      destination: { host: 'checkout', subset: 'v2', port: { number: 8080 } },
    };
    expect(meshChangeSchema.parse(add)).toEqual(add);
    const remove = {
      kind: 'RemoveDestination',
      target,
      routeKind: 'http',
      routeIndex: 1,
      destinationIndex: 0,
    };
    expect(meshChangeSchema.parse(remove)).toEqual(remove);
  });

  it.each([
    { kind: 'AddDestination', target, routeKind: 'http', routeIndex: 0, destination: { host: '' } },
    { kind: 'AddDestination', target, routeKind: 'http', routeIndex: 0 },
    { kind: 'RemoveDestination', target, routeKind: 'http', routeIndex: 0, destinationIndex: -1 },
    { kind: 'RemoveDestination', target, routeKind: 'http', routeIndex: 0, destinationIndex: 0.5 },
  ])('refuses %j', (change) => {
    expect(meshChangeSchema.safeParse(change).success).toBe(false);
  });
});
