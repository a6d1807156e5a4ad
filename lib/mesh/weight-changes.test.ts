import { describe, expect, it } from 'vitest';
import type { VirtualService } from './types';
import { describeExternalChange, describeRouteChange, weightChanges } from './weight-changes';

const vs = (weights: Array<number | undefined>, timeout?: string): VirtualService => ({
  kind: 'VirtualService',
  apiVersion: 'networking.istio.io/v1',
  metadata: { name: 'catalog', namespace: 'shop' },
  spec: {
    hosts: ['catalog'],
    http: [
      {
        ...(timeout && { timeout }),
        route: weights.map((weight, i) => ({
          destination: { host: 'catalog', subset: `v${i + 1}` },
          weight,
        })),
      },
    ],
  },
});

describe('weightChanges', () => {
  it('lists the route whose weights moved, before and after, as Istio applies them', () => {
    const changes = weightChanges(vs([90, 10]), vs([75, 25]));
    expect(changes).toEqual([
      {
        routeKind: 'http',
        routeIndex: 0,
        before: [
          { host: 'catalog', subset: 'v1', weight: 90 },
          { host: 'catalog', subset: 'v2', weight: 10 },
        ],
        after: [
          { host: 'catalog', subset: 'v1', weight: 75 },
          { host: 'catalog', subset: 'v2', weight: 25 },
        ],
      },
    ]);
    expect(describeRouteChange(changes[0] as (typeof changes)[0])).toBe(
      'http[0]: v1 90% → 75%, v2 10% → 25%',
    );
  });

  it('sees no weight change where only another field changed, or an implied weight was written', () => {
    expect(weightChanges(vs([90, 10]), vs([90, 10], '5s'))).toEqual([]);
    expect(weightChanges(vs([undefined]), vs([100]))).toEqual([]);
  });

  it('describes a destination added to a route', () => {
    const [change] = weightChanges(vs([100]), vs([80, 20]));
    expect(describeRouteChange(change as NonNullable<typeof change>)).toBe(
      'http[0]: v1 100% → v1 80%, v2 20%',
    );
  });

  it('summarises changes seen from outside Weir', () => {
    expect(describeExternalChange('catalog', vs([90, 10]), vs([50, 50]))).toBe(
      'catalog http[0]: v1 90% → 50%, v2 10% → 50%',
    );
    expect(describeExternalChange('catalog', vs([90, 10]), vs([90, 10], '5s'))).toBe(
      'catalog: spec changed (no weights moved)',
    );
    expect(describeExternalChange('catalog', undefined, vs([100]))).toBe('catalog: created');
    expect(describeExternalChange('catalog', vs([100]), undefined)).toBe('catalog: deleted');
  });
});
