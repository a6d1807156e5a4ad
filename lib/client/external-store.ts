/**
 * The listeners of a value kept outside React (a store a component reads with
 * useSyncExternalStore): `subscribe` for React, `notify` for the store after each change.
 */
export interface Listeners {
  subscribe(listener: () => void): () => void;
  notify(): void;
}

/** One set of listeners; `subscribe` is bound, so it can be handed to React as it is. */
export function createListeners(): Listeners {
  const listeners = new Set<() => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    notify() {
      for (const listener of [...listeners]) listener();
    },
  };
}
