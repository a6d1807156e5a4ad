import { describe, expect, it } from 'vitest';
import { OwnWrites } from './own-writes';

describe('OwnWrites', () => {
  it('follows our own writes to the newest version', () => {
    const writes = new OwnWrites();
    writes.record('VirtualService/shop/catalog', '1', '2');
    writes.record('VirtualService/shop/catalog', '2', '3');
    expect(writes.latest('VirtualService/shop/catalog', '1')).toBe('3');
    expect(writes.latest('VirtualService/shop/catalog', '2')).toBe('3');
  });

  it('leaves versions it did not write, and other objects, alone', () => {
    const writes = new OwnWrites();
    writes.record('VirtualService/shop/catalog', '1', '2');
    expect(writes.latest('VirtualService/shop/catalog', '7')).toBe('7');
    expect(writes.latest('VirtualService/shop/cart', '1')).toBe('1');
  });

  it('ends a loop at the version our last write left', () => {
    // A folder's versions are content hashes: a write and its undo give 1 → 2 → 1.
    const writes = new OwnWrites();
    writes.record('k', '1', '2');
    writes.record('k', '2', '1');
    expect(writes.latest('k', '1')).toBe('1');
    expect(writes.latest('k', '2')).toBe('1');
    // Redone: 1 → 2 again is the newest write.
    writes.record('k', '1', '2');
    expect(writes.latest('k', '1')).toBe('2');
    expect(writes.latest('k', '2')).toBe('2');
  });
});
