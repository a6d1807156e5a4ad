import { useSyncExternalStore } from 'react';
import { createListeners } from '@/lib/client/external-store';

/**
 * A map of small values outside React, so that each subscriber re-renders only when its
 * own key changes (an edge per route, however many edges are drawn).
 */
export interface KeyedStore<V> {
  get(key: string): V | undefined;
  set(key: string, value: V | undefined): void;
  /**
   * Every value at once, told once, and only when one of them is another object than before
   * (thousands of keys replaced on each change of what they mirror).
   */
  setAll(values: ReadonlyMap<string, V>): void;
  subscribe(listener: () => void): () => void;
}

export function createKeyedStore<V>(): KeyedStore<V> {
  let values = new Map<string, V>();
  const { subscribe, notify } = createListeners();
  return {
    get: (key) => values.get(key),
    set(key, value) {
      if (value === undefined) values.delete(key);
      else values.set(key, value);
      notify();
    },
    setAll(next) {
      let same = next.size === values.size;
      for (const [key, value] of next) {
        if (!same) break;
        same = values.get(key) === value;
      }
      values = new Map(next);
      if (!same) notify();
    },
    subscribe,
  };
}

/** The value of one key, re-rendering when it changes. */
export function useKeyedValue<V>(store: KeyedStore<V>, key: string): V | undefined {
  return useSyncExternalStore(
    store.subscribe,
    () => store.get(key),
    () => undefined,
  );
}
