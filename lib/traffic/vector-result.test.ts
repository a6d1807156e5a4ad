import { describe, expect, it } from 'vitest';
import { QUERY_NAMES, recordingRules, trafficQueries } from './promql';
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
        { metric: { ...labels, __name__: 'weir:istio_requests:rate1m' }, value: [1, '9.5'] },
        { metric: { ...labels, destination_workload: 'catalog-v1' }, value: [1, '0.5'] },
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
    const key = (points[0] as VectorPoint).key;
    const [sample] = mergeSamples({
      requests: points,
      errors: [{ key, value: 0.5 }],
      flags: [
        { key, flags: 'UO', value: 0.25 },
        { key, flags: 'URX', value: 0.25 },
      ],
      p99: [{ key, value: 120 }],
    });
    expect(sample).toMatchObject({
      workload: 'catalog-v2',
      rps: 9.5,
      errorRps: 0.5,
      p99: 120,
      flags: { UO: 0.25, URX: 0.25 },
    });
  });

  it('refuses an answer that is not an instant vector', () => {
    expect(() => readVector({ status: 'error', error: 'bad' })).toThrow(/instant vector/);
    expect(() => readVector(answer([]).data)).toThrow();
    expect(() => readVector({ status: 'success', data: { resultType: 'matrix', result: [] } })).toThrow();
  });
});

describe('trafficQueries', () => {
  it('are seven grouped queries per window, built from the window alone', () => {
    for (const window of TRAFFIC_WINDOWS) {
      const queries = Object.values(trafficQueries(window, 'raw'));
      expect(queries).toHaveLength(7);
      for (const query of queries) {
        expect(query).toContain(`[${window}]`);
        expect(query).toContain('sum by (destination_service, destination_service_namespace');
      }
      // The recorded form reads the series the recording rules keep of the same expressions.
      const recorded = trafficQueries(window, 'recorded');
      const rules = recordingRules().groups.find((group) => group.name === `weir-traffic-${window}`);
      expect(rules?.rules).toEqual(
        QUERY_NAMES.map((name) => ({ record: recorded[name], expr: trafficQueries(window, 'raw')[name] })),
      );
      for (const query of Object.values(recorded)) expect(query).toMatch(/^weir:[a-z0-9_]+:[a-z0-9_]+$/);
    }
    expect(() => trafficQueries('1m]) or vector(1) #' as TrafficWindow)).toThrow(/not a traffic window/);
    expect(() => trafficQueries('1m]) or vector(1) #' as TrafficWindow, 'recorded')).toThrow(
      /not a traffic window/,
    );
  });

  it('are the rules the chart ships (regenerate: tools/prometheus/write-rules.ts)', async () => {
    const { readFileSync } = await import('node:fs');
    const { RULES_FILE, rulesText } = await import('../../tools/prometheus/rules-file');
    expect(readFileSync(RULES_FILE, 'utf8')).toBe(rulesText());
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
