import { describe, expect, it } from 'vitest';
import { getStore } from '../store';
import { send, withUnchangedDemoFolder } from './attack-kit';

const catalog = { kind: 'VirtualService', namespace: 'shop', name: 'catalog' } as const;
const route = (weights: number[]) => ({
  name: 'canary',
  route: weights.map((weight, i) => ({ destination: { host: 'catalog', subset: `v${i + 1}` }, weight })),
});

describe('one set of field checks for every change kind (item 7)', () => {
  withUnchangedDemoFolder();

  const post = async (change: Record<string, unknown>) => {
    const { store } = await getStore();
    const resourceVersion = store.get(catalog)?.metadata.resourceVersion ?? '';
    return send('/api/changes', JSON.stringify({ change: { target: catalog, ...change }, resourceVersion }));
  };
  const spec = (patch: Record<string, unknown>) => ({
    hosts: ['catalog'],
    http: [route([90, 10])],
    ...patch,
  });

  it.each([
    [
      'SetWeights',
      { kind: 'SetWeights', routeKind: 'http', routeIndex: 0, weights: [105, -5] },
      'weights[0]',
    ],
    ['SetRoute', { kind: 'SetRoute', routeKind: 'http', routeIndex: 0, route: route([105, -5]) }, 'weight'],
    ['AddRoute', { kind: 'AddRoute', routeKind: 'http', index: 0, route: route([105, -5]) }, 'weight'],
    [
      'SetSpec',
      { kind: 'SetSpec', spec: spec({ http: [route([105, -5])] }) },
      'spec.http[0].route[0].weight',
    ],
    [
      'SetSpec (hosts)',
      { kind: 'SetSpec', spec: spec({ hosts: ['<script>alert(1)</script>'] }) },
      'spec.hosts[0]',
    ],
    [
      'SetSpec (zero-width host)',
      { kind: 'SetSpec', spec: spec({ hosts: ['cata\u200blog'] }) },
      'spec.hosts[0]',
    ],
    ['SetSpec (exportTo)', { kind: 'SetSpec', spec: spec({ exportTo: ['sh\u200bop'] }) }, 'spec.exportTo[0]'],
  ])('%s with a bad value is 422 naming the field; nothing is written', async (_, change, field) => {
    const { status, json } = await post(change);
    expect(status).toBe(422);
    // Named in the message or as a field beside it (the editor shows it there).
    expect(JSON.stringify(json.error)).toContain(field);
  });
});
