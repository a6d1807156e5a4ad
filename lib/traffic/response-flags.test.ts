import { describe, expect, it } from 'vitest';
import { istioSeries } from '../../tools/test/loopback-prometheus';
import { historyQuery, isQueryableHost } from './promql';
import { flagCauses } from './response-flags';
import { readMatrix } from './vector-result';

describe('flagCauses', () => {
  it("names the causes Envoy's flags give, most frequent first, leaving out noise and unknown flags", () => {
    expect(flagCauses({ UO: 0.5, 'UH,URX': 1, ZZ: 3, NR: 0.001 }, 10)).toEqual([
      expect.stringMatching(/^UH on 10% \(no healthy upstream — .*outlier detection\)$/),
      expect.stringMatching(/^URX on 10% \(retry limit exceeded/),
      expect.stringMatching(/^UO on 5% \(upstream overflow — .*circuit breaker/),
    ]);
    expect(flagCauses(undefined, 10)).toEqual([]);
    expect(flagCauses({ UO: 1 }, 0)).toEqual([]);
  });
});

describe('historyQuery', () => {
  it('names only DNS-name hosts', () => {
    expect(historyQuery(['catalog.shop.svc.cluster.local'], 'recorded')).toBe(
      'weir:istio_requests:rate1m{destination_service="catalog.shop.svc.cluster.local"}',
    );
    for (const host of ['a"} or up{b="', 'A.b', '*.shop', 'a\\\\b', '', 'x'.repeat(254)]) {
      expect(isQueryableHost(host)).toBe(false);
      expect(() => historyQuery([host], 'raw')).toThrow(/DNS names/);
    }
    expect(() => historyQuery([], 'raw')).toThrow();
  });
});

describe('readMatrix', () => {
  it('groups usable points by time, oldest first, and refuses what is not a matrix', () => {
    const metric = istioSeries('catalog', 'shop', 'catalog-v2', 'v2');
    const rows = readMatrix({
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          {
            metric,
            values: [
              [20, '2'],
              [10, '1'],
              [30, 'NaN'],
              ['x', '1'],
            ],
          },
          { metric: { job: 'x' }, values: [[10, '5']] },
          null,
        ],
      },
    });
    expect(rows.map((row) => [row.time, row.points.map((p) => p.value)])).toEqual([
      [10, [1]],
      [20, [2]],
    ]);
    expect(() => readMatrix({ status: 'success', data: { resultType: 'vector', result: [] } })).toThrow(
      /range matrix/,
    );
  });
});
