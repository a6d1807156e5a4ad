import { describe, expect, it } from 'vitest';
import { brief, destinationRule, findingsOf, versions } from '../test-fixtures';
import { drSubsets } from './dr-subsets';

describe('dr-subsets', () => {
  it('accepts distinct names and labels', () => {
    expect(findingsOf(drSubsets, [versions('shop', 'catalog', 'v1', 'v2', 'v3')])).toEqual([]);
  });

  it('reports a repeated name and a copy of another subset’s labels', () => {
    const objects = [
      destinationRule('shop', 'catalog', {
        host: 'catalog',
        subsets: [
          { name: 'v1', labels: { version: 'v1' } },
          { name: 'v2', labels: { version: 'v1' } },
          { name: 'v1', labels: { version: 'v3' } },
        ],
      }),
    ];
    const findings = findingsOf(drSubsets, objects);
    expect(brief(findings)).toEqual([
      'DR_SUBSETS_SAME_LABELS DestinationRule/shop/catalog spec.subsets[1].labels',
      'DR_DUPLICATE_SUBSET DestinationRule/shop/catalog spec.subsets[2].name',
    ]);
  });
});
