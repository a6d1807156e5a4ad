import { describe, expect, it } from 'vitest';
import { brief, findingsOf, pod, service, serviceEntry, versions } from '../test-fixtures';
import { drSubsetPods } from './dr-subset-pods';

describe('dr-subset-pods', () => {
  it('accepts subsets with a ready pod, and stays quiet when the snapshot holds no pods', () => {
    const mesh = [
      service('shop', 'catalog'),
      versions('shop', 'catalog', 'v1', 'v2'),
      serviceEntry('shop', 'stripe', { hosts: ['api.stripe.com'] }),
      versions('shop', 'api.stripe.com', 'eu'),
    ];
    const pods = [
      pod('shop', 'catalog-v1-a', { app: 'catalog', version: 'v1' }),
      pod('shop', 'catalog-v2-a', { app: 'catalog', version: 'v2' }, false),
      pod('shop', 'catalog-v2-b', { app: 'catalog', version: 'v2' }),
    ];
    expect(findingsOf(drSubsetPods, [...mesh, ...pods])).toEqual([]);
    expect(findingsOf(drSubsetPods, [versions('shop', 'catalog', 'v9'), service('shop', 'catalog')])).toEqual(
      [],
    );
  });

  it('reports a subset selecting no pod (only pods of the Service count) and one with no ready pod', () => {
    const objects = [
      service('shop', 'catalog'),
      versions('shop', 'catalog', 'v1', 'v2', 'v3'),
      pod('shop', 'catalog-v1-a', { app: 'catalog', version: 'v1' }),
      pod('shop', 'catalog-v2-a', { app: 'catalog', version: 'v2' }, false),
      // Right labels, wrong app or namespace: not the Service's pods.
      pod('shop', 'cart-v3', { app: 'cart', version: 'v3' }),
      pod('staging', 'catalog-v3', { app: 'catalog', version: 'v3' }),
    ];
    const findings = findingsOf(drSubsetPods, objects);
    expect(brief(findings)).toEqual([
      'DR_SUBSET_NO_READY_PODS DestinationRule/shop/catalog spec.subsets[1]',
      'DR_SUBSET_NO_PODS DestinationRule/shop/catalog spec.subsets[2]',
    ]);
    expect(findings[1]).toMatchObject({ severity: 'error', istioCode: 'IST0173' });
    expect(findings[0]?.severity).toBe('warning');
  });
});
