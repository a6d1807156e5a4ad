import { describe, expect, it } from 'vitest';
import type { HTTPRouteDestination, VirtualService } from '../types';
import { describeChange } from './kinds';
import type { SetWeights } from './set-weights';

function vs(route: HTTPRouteDestination[], name?: string): VirtualService {
  return {
    kind: 'VirtualService',
    apiVersion: 'networking.istio.io/v1',
    metadata: { name: 'reviews', namespace: 'bookinfo' },
    spec: { http: [{ ...(name && { name }), route }] },
  };
}

const setWeights = (weights: number[], routeIndex = 0): SetWeights => ({
  kind: 'SetWeights',
  target: { kind: 'VirtualService', namespace: 'bookinfo', name: 'reviews' },
  routeKind: 'http',
  routeIndex,
  weights,
});

const v1 = { host: 'reviews', subset: 'v1' };
const v2 = { host: 'reviews', subset: 'v2' };

describe('describeChange', () => {
  it('says what moved, from what Istio applies now to the new weights', () => {
    const object = vs([
      { destination: v1, weight: 90 },
      { destination: v2, weight: 10 },
    ]);
    expect(describeChange(setWeights([75, 25]), object)).toBe('reviews http[0]: v1 90% → 75%, v2 10% → 25%');
  });

  it('leaves out destinations that keep their weight and names the route', () => {
    const object = vs(
      [
        { destination: v1, weight: 80 },
        { destination: v2, weight: 20 },
        { destination: { host: 'reviews', subset: 'v3' }, weight: 0 },
      ],
      'canary',
    );
    expect(describeChange(setWeights([80, 0, 20]), object)).toBe(
      'reviews http[0] (canary): v2 20% → 0%, v3 0% → 20%',
    );
    expect(describeChange(setWeights([80, 20, 0]), object)).toBe(
      'reviews http[0] (canary): weights unchanged',
    );
  });

  it('counts a lone destination without weight as 100%', () => {
    expect(describeChange(setWeights([100]), vs([{ destination: v1 }]))).toBe(
      'reviews http[0]: weights unchanged',
    );
  });

  it('names destinations by host, then port, when subsets do not tell them apart', () => {
    const object = vs([
      { destination: { host: 'stable', port: { number: 80 } }, weight: 100 },
      { destination: { host: 'stable', port: { number: 8080 } }, weight: 0 },
    ]);
    expect(describeChange(setWeights([50, 50]), object)).toBe(
      'reviews http[0]: stable:80 100% → 50%, stable:8080 0% → 50%',
    );
  });

  it('still says something when the route is not there', () => {
    expect(describeChange(setWeights([60, 40], 4), vs([{ destination: v1 }]))).toBe(
      'reviews http[4]: weights set to 60%, 40%',
    );
  });
});
