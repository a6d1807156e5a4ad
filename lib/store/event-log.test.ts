import { describe, expect, it } from 'vitest';
import { parseObjectKey } from '../mesh/object-key';
import type { StoredObject } from '../mesh/types';
import { EventLog } from './event-log';

const vs = (namespace: string, name: string) =>
  ({
    kind: 'VirtualService',
    apiVersion: 'networking.istio.io/v1',
    metadata: { name, namespace },
    spec: {},
  }) as StoredObject;

describe('EventLog.replaceKind', () => {
  it("with `within`, a list of one namespace replaces what is held there and leaves the others' alone", () => {
    const log = new EventLog({ backend: 'kube', source: 'test', demo: false });
    for (const object of [vs('shop', 'a'), vs('shop', 'b'), vs('payments', 'c')]) log.put(object);
    const inShop = (key: string) => parseObjectKey(key).namespace === 'shop';
    log.replaceKind('VirtualService', new Map([['VirtualService/shop/a', vs('shop', 'a')]]), inShop);
    expect(Object.keys(log.snapshot().objects).sort()).toEqual([
      'VirtualService/payments/c',
      'VirtualService/shop/a',
    ]);
    // Without it, a list is everything of the kind that exists.
    log.replaceKind('VirtualService', new Map());
    expect(Object.keys(log.snapshot().objects)).toEqual([]);
  });
});
