import { describe, expect, it } from 'vitest';
import type { MeshSnapshot, Service } from '../mesh/types';
import { applyEvent, applyEvents } from './apply-event';

function service(name: string, resourceVersion: string): Service {
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: { name, namespace: 'shop', resourceVersion },
    spec: { ports: [{ port: 80 }] },
  };
}

const base: MeshSnapshot = {
  sequence: 10,
  objects: { 'Service/shop/cart': service('cart', '1') },
  sync: { backend: 'files', source: 'demo', demo: true, synced: true, syncedAt: '2025-01-01T00:00:00Z' },
};

describe('applyEvent', () => {
  it('puts a new or changed object and takes the event sequence', () => {
    const next = applyEvent(base, {
      sequence: 11,
      type: 'put',
      key: 'Service/shop/catalog',
      object: service('catalog', '2'),
    });
    expect(next.sequence).toBe(11);
    expect(Object.keys(next.objects).sort()).toEqual(['Service/shop/cart', 'Service/shop/catalog']);
    expect(next.objects['Service/shop/cart']).toBe(base.objects['Service/shop/cart']);
  });

  it("keeps what this browser's own later write left over the stream's echo of its earlier write", () => {
    const written = { ...base, objects: { 'Service/shop/cart': service('cart', '7') } };
    // Own writes 5 → 6 → 7: the echo of 6 comes after the answer that gave 7.
    const own = (key: string, held: string, incoming: string) =>
      key === 'Service/shop/cart' && incoming === '6' && held === '7';
    const next = applyEvent(
      written,
      { sequence: 11, type: 'put', key: 'Service/shop/cart', object: service('cart', '6') },
      own,
    );
    expect(next.sequence).toBe(11);
    expect(next.objects['Service/shop/cart']?.metadata.resourceVersion).toBe('7');
    // A lower version that is not the browser's own (another API server, a folder's hash) goes in.
    const other = applyEvent(
      written,
      { sequence: 11, type: 'put', key: 'Service/shop/cart', object: service('cart', '3') },
      own,
    );
    expect(other.objects['Service/shop/cart']?.metadata.resourceVersion).toBe('3');
    // Its own echo, and anything newer, goes in as always.
    const echoed = applyEvent(
      next,
      { sequence: 12, type: 'put', key: 'Service/shop/cart', object: service('cart', '8') },
      own,
    );
    expect(echoed.objects['Service/shop/cart']?.metadata.resourceVersion).toBe('8');
  });

  it('deletes an object without touching the snapshot it came from', () => {
    const next = applyEvent(base, { sequence: 11, type: 'delete', key: 'Service/shop/cart' });
    expect(next.objects).toEqual({});
    expect(base.objects['Service/shop/cart']).toBeDefined();
  });

  it('records the sync status', () => {
    const sync = { ...base.sync, synced: false, error: 'watch closed' };
    expect(applyEvent(base, { sequence: 12, type: 'sync', sync }).sync).toEqual(sync);
  });

  it('ignores events the snapshot already holds', () => {
    expect(applyEvent(base, { sequence: 10, type: 'delete', key: 'Service/shop/cart' })).toBe(base);
    expect(applyEvent(base, { sequence: 3, type: 'delete', key: 'Service/shop/cart' })).toBe(base);
  });

  it('applies a batch in order', () => {
    const next = applyEvents(base, [
      { sequence: 11, type: 'put', key: 'Service/shop/cart', object: service('cart', '5') },
      { sequence: 12, type: 'delete', key: 'Service/shop/cart' },
      { sequence: 12, type: 'put', key: 'Service/shop/cart', object: service('cart', '6') },
    ]);
    expect(next.sequence).toBe(12);
    expect(next.objects).toEqual({});
  });
});
