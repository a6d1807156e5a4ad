import { describe, expect, it } from 'vitest';
import { createKeyedStore } from './keyed-store';

describe('createKeyedStore', () => {
  it('tells its subscribers of each value set', () => {
    const store = createKeyedStore<number>();
    let told = 0;
    store.subscribe(() => told++);
    store.set('a', 1);
    store.set('a', undefined);
    expect(told).toBe(2);
    expect(store.get('a')).toBeUndefined();
  });

  it('replaces every value at once, telling once, and only when a value is another object', () => {
    const store = createKeyedStore<{ share: number }>();
    const a = { share: 90 };
    const b = { share: 10 };
    let told = 0;
    store.subscribe(() => told++);
    store.setAll(
      new Map([
        ['a', a],
        ['b', b],
      ]),
    );
    expect(told).toBe(1);
    store.setAll(
      new Map([
        ['a', a],
        ['b', b],
      ]),
    );
    expect(told).toBe(1);
    // An equal value that is another object is a change: subscribers compare by identity.
    store.setAll(
      new Map([
        ['a', a],
        ['b', { share: 10 }],
      ]),
    );
    expect(told).toBe(2);
    store.setAll(new Map([['a', a]]));
    expect(told).toBe(3);
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')).toBe(a);
  });
});
