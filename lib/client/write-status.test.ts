import { describe, expect, it } from 'vitest';
import type { SetWeights } from '../mesh/changes';
import { ApiError } from './api-error';
import { WriteStatusStore } from './write-status';

const change: SetWeights = {
  kind: 'SetWeights',
  target: { kind: 'VirtualService', namespace: 'shop', name: 'catalog' },
  routeKind: 'http',
  routeIndex: 0,
  weights: [50, 50],
};
const route = 'VirtualService/shop/catalog/http/0';

describe('WriteStatusStore', () => {
  it('says saving until the last write in flight is done', () => {
    const store = new WriteStatusStore();
    store.begin(route);
    store.begin(route);
    store.succeed(route, false, 1);
    expect(store.get(route)).toEqual({ state: 'saving' });
    store.succeed(route, true, 2);
    expect(store.get(route)).toEqual({ state: 'saved', at: 2, rebased: true });
  });

  it('keeps an error until the next write or a dismissal', () => {
    const store = new WriteStatusStore();
    const error = new ApiError('Forbidden', 403, 'no');
    store.begin(route);
    store.fail(route, error, change);
    expect(store.get(route)).toMatchObject({ state: 'error', error });
    store.dismiss(route);
    expect(store.get(route)).toBeUndefined();
    store.begin(route);
    expect(store.get(route)).toEqual({ state: 'saving' });
  });

  it('tells subscribers, and only while subscribed', () => {
    const store = new WriteStatusStore();
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    store.begin(route);
    unsubscribe();
    store.succeed(route, false);
    expect(calls).toBe(1);
    expect(store.get('VirtualService/shop/other/http/0')).toBeUndefined();
  });
});
