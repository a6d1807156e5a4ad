import { describe, expect, it } from 'vitest';
import { trafficQueries } from './promql';
import { TRAFFIC_WINDOWS, type TrafficWindow } from './types';
import { mergeSamples, readVector, type VectorPoint } from './vector-result';

const labels = {
  destination_service: 'catalog.shop.svc.cluster.local',
  destination_service_namespace: 'shop',
  destination_workload: 'catalog-v2',
  destination_version: 'v2',
  source_workload: 'frontend',
  source_workload_namespace: 'shop',
};
const answer = (result: unknown[]) => ({ status: 'success', data: { resultType: 'vector', result } });

describe('readVector', () => {
  it('keeps well-formed series and leaves out odd ones', () => {
    const points = readVector(
      answer([
        { metric: { ...labels, response_code: '200' }, value: [1, '9.5'] },
        { metric: { ...labels, response_code: '503' }, value: [1, '0.5'] },
        { metric: { ...labels }, value: [1, 'NaN'] },
        { metric: { ...labels }, value: [1, '-1'] },
        { metric: { destination_service: 'x' }, value: [1, '1'] },
        { metric: { ...labels, destination_version: 7 }, value: [1, '1'] },
        { metric: { ...labels, destination_service: '' }, value: [1, '1'] },
        'not a series',
        null,
      ]),
    );
    expect(points).toHaveLength(2);
    const [sample] = mergeSamples({
      requests: points,
      p99: [{ key: (points[0] as VectorPoint).key, value: 120 }],
    });
    expect(sample).toMatchObject({ workload: 'catalog-v2', rps: 10, errorRps: 0.5, p99: 120 });
  });

  it('refuses an answer that is not an instant vector', () => {
    expect(() => readVector({ status: 'error', error: 'bad' })).toThrow(/instant vector/);
    expect(() => readVector(answer([]).data)).toThrow();
    expect(() => readVector({ status: 'success', data: { resultType: 'matrix', result: [] } })).toThrow();
  });
});

describe('trafficQueries', () => {
  it('are five grouped queries per window, built from the window alone', () => {
    for (const window of TRAFFIC_WINDOWS) {
      const queries = Object.values(trafficQueries(window));
      expect(queries).toHaveLength(5);
      for (const query of queries) {
        expect(query).toContain(`[${window}]`);
        expect(query).toContain('sum by (destination_service, destination_service_namespace');
      }
    }
    expect(() => trafficQueries('1m]) or vector(1) #' as TrafficWindow)).toThrow(/not a traffic window/);
  });
});

describe('percent', () => {
  it('reads as people write shares, and never says 100% while some failed', async () => {
    const { percent } = await import('./edge-text');
    expect([0.096, 0.5, 1 - 0.8, 0.999, 0.99996, 1, 0, 0.0001].map(percent)).toEqual([
      '9.6%',
      '50%',
      '20%',
      '99.9%',
      '99.99%',
      '100%',
      '0%',
      '0%',
    ]);
  });
});
