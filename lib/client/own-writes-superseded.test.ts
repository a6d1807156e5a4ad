import { describe, expect, it } from 'vitest';
import { OwnWrites } from './own-writes';

// The rule the live stream uses (change-mutation's supersededByOwnWrites) on a real chain.
const superseded = (writes: OwnWrites, held: string, incoming: string) =>
  writes.latest('VirtualService/shop/cart', incoming) === held;

describe('an echo superseded by own writes', () => {
  it('is an earlier step of this browser’s own chain, and nothing else', () => {
    const writes = new OwnWrites();
    writes.record('VirtualService/shop/cart', '5', '6');
    writes.record('VirtualService/shop/cart', '6', '7');
    expect(superseded(writes, '7', '6')).toBe(true);
    expect(superseded(writes, '7', '5')).toBe(true);
    // Someone else's version, or one from another API server, is never skipped.
    expect(superseded(writes, '7', '4')).toBe(false);
    expect(superseded(writes, '7', '1200')).toBe(false);
  });

  it('follows a folder’s hashes that come back (a write and its undo)', () => {
    const writes = new OwnWrites();
    writes.record('VirtualService/shop/cart', 'a1', 'b2');
    writes.record('VirtualService/shop/cart', 'b2', 'a1');
    // Held a1 after the undo's answer: the echo of the write (b2) is older.
    expect(superseded(writes, 'a1', 'b2')).toBe(true);
  });
});
