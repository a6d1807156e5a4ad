import { describe, expect, it } from 'vitest';
import type { Kind } from '../../mesh/types';
import type { TrafficReport, TrafficSample } from '../../traffic/types';
import type { Visibility } from '../auth/visibility';
import { visibleTraffic } from './traffic-answer';

// A person who may list Services in shop, and Pods in shop only (the answers an access review
// would give; the reviews themselves are tested against the API server in lib/server/auth).
const shopOnly: Visibility = {
  restricted: true,
  sees: async () => false,
  mayList: async (kind: Kind, namespace: string) =>
    (kind === 'Service' || kind === 'Pod') && namespace === 'shop',
  mayReadMeshConfig: async () => false,
};

const sample = (namespace: string, sourceNamespace: string, sourceWorkload: string): TrafficSample => ({
  service: `catalog.${namespace}.svc.cluster.local`,
  namespace,
  workload: 'catalog-v2',
  version: 'v2',
  sourceWorkload,
  sourceNamespace,
  rps: 1,
  errorRps: 0,
});

const report = (samples: TrafficSample[]): TrafficReport => ({
  status: { state: 'live', at: '2026-12-02T00:00:00Z' },
  intervalSeconds: 15,
  windows: { '1m': samples },
});

describe('visibleTraffic', () => {
  it('keeps the samples of Services the person may list, and names only callers whose Pods they may list', async () => {
    const answer = await visibleTraffic(
      shopOnly,
      report([
        sample('shop', 'shop', 'storefront'),
        sample('shop', 'payments', 'billing-batch'),
        sample('payments', 'shop', 'storefront'),
      ]),
    );
    expect(answer.windows['1m']).toEqual([
      sample('shop', 'shop', 'storefront'),
      sample('shop', 'unknown', 'unknown'),
    ]);
  });

  it('gives an unrestricted person the report as it is', async () => {
    const whole = report([sample('payments', 'payments', 'billing-batch')]);
    expect(await visibleTraffic({ ...shopOnly, restricted: false }, whole)).toBe(whole);
  });
});
