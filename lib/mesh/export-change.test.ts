import { describe, expect, it } from 'vitest';
import { applyChange } from './changes';
import { exportChange } from './export-change';
import type { VirtualService } from './types';

const catalog: VirtualService = {
  kind: 'VirtualService',
  apiVersion: 'networking.istio.io/v1',
  metadata: { name: 'catalog', namespace: 'shop', resourceVersion: '4711', uid: 'abc', generation: 3 },
  spec: {
    hosts: ['catalog'],
    http: [
      {
        name: 'canary',
        route: [
          { destination: { host: 'catalog', subset: 'v1' }, weight: 90 },
          { destination: { host: 'catalog', subset: 'v2' }, weight: 10 },
        ],
      },
    ],
  },
};
const after = applyChange(catalog, {
  kind: 'SetWeights',
  target: { kind: 'VirtualService', namespace: 'shop', name: 'catalog' },
  routeKind: 'http',
  routeIndex: 0,
  weights: [75, 25],
});

describe('exportChange', () => {
  const exported = exportChange(catalog, after);

  it('gives a manifest without the fields the API server sets', () => {
    expect(exported.manifest).toContain('weight: 25');
    expect(exported.manifest).not.toMatch(/resourceVersion|uid|generation/);
  });

  it('gives a unified diff of exactly the changed weights', () => {
    const changed = exported.diff.split('\n').filter((line) => /^[+-]\s/.test(line));
    expect(changed.map((line) => line.replace(/\s+/g, ' '))).toEqual([
      '- weight: 90',
      '+ weight: 75',
      '- weight: 10',
      '+ weight: 25',
    ]);
  });

  it('gives a kubectl patch guarded by the resourceVersion it was made against', () => {
    expect(exported.patch).toMatch(
      /^kubectl patch virtualservice\.networking\.istio\.io catalog -n shop --type=json -p '/,
    );
    const ops = JSON.parse(exported.patch.slice(exported.patch.indexOf("'") + 1, -1));
    expect(ops).toEqual([
      { op: 'test', path: '/metadata/resourceVersion', value: '4711' },
      { op: 'replace', path: '/spec/http/0/route/0/weight', value: 75 },
      { op: 'replace', path: '/spec/http/0/route/1/weight', value: 25 },
    ]);
  });
});
