import { describe, expect, it } from 'vitest';
import { brief, findingsOf, virtualService } from '../test-fixtures';
import { vsWeights } from './vs-weights';

describe('vs-weights', () => {
  it('accepts a 90/10 split, a lone destination without weight and one with weight 100', () => {
    const objects = [
      virtualService('shop', 'catalog', {
        hosts: ['catalog'],
        http: [
          {
            route: [
              { destination: { host: 'catalog', subset: 'v1' }, weight: 90 },
              { destination: { host: 'catalog', subset: 'v2' }, weight: 10 },
            ],
          },
          { route: [{ destination: { host: 'catalog' } }] },
        ],
        tcp: [{ route: [{ destination: { host: 'catalog' }, weight: 100 }] }],
      }),
    ];
    expect(findingsOf(vsWeights, objects)).toEqual([]);
  });

  it('reports weights that miss 100 (missing counts as 0), a total of 0 and a lone destination below 100', () => {
    const objects = [
      virtualService('shop', 'catalog', {
        hosts: ['catalog'],
        http: [
          {
            route: [
              { destination: { host: 'catalog', subset: 'v1' }, weight: 80 },
              { destination: { host: 'catalog', subset: 'v2' }, weight: 30 },
            ],
          },
          {
            route: [
              { destination: { host: 'catalog', subset: 'v1' } },
              { destination: { host: 'catalog', subset: 'v2' } },
            ],
          },
          { route: [{ destination: { host: 'catalog', subset: 'v1' }, weight: 25 }] },
        ],
      }),
    ];
    const findings = findingsOf(vsWeights, objects);
    expect(brief(findings)).toEqual([
      'VS_WEIGHTS_NOT_100 VirtualService/shop/catalog spec.http[0].route',
      'VS_WEIGHTS_ZERO VirtualService/shop/catalog spec.http[1].route',
      'VS_LONE_WEIGHT_BELOW_100 VirtualService/shop/catalog spec.http[2].route[0].weight',
    ]);
    expect(findings[0]?.message).toBe(
      'Weights add up to 110, not 100 (80 + 30; a missing weight counts as 0): Istio shares traffic in proportion, 73% / 27%.',
    );
    expect(findings[0]?.severity).toBe('warning');
    expect(findings[1]?.severity).toBe('error');
  });
});
