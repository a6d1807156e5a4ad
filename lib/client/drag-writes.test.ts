import { describe, expect, it, vi } from 'vitest';
import { createDragWritesStore, DRAG_WRITES_KEY, parseDragWrites, writesWhileDragging } from './drag-writes';

function memoryStorage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    values,
  };
}

describe('drag writes', () => {
  it('writes while dragging unless "release" was chosen', () => {
    expect(parseDragWrites(null)).toBe('live');
    expect(parseDragWrites('nonsense')).toBe('live');
    expect(parseDragWrites('release')).toBe('release');
    expect(writesWhileDragging('live')).toBe(true);
    expect(writesWhileDragging('release')).toBe(false);
  });

  it('keeps the choice in storage and tells subscribers', () => {
    const storage = memoryStorage();
    const store = createDragWritesStore(storage);
    const listener = vi.fn();
    store.subscribe(listener);
    store.set('release');
    expect(store.get()).toBe('release');
    expect(storage.values.get(DRAG_WRITES_KEY)).toBe('release');
    expect(listener).toHaveBeenCalledTimes(1);
    store.set('release');
    expect(listener).toHaveBeenCalledTimes(1);
    expect(createDragWritesStore(storage).get()).toBe('release');
  });

  it('works without storage, or with storage that throws', () => {
    expect(createDragWritesStore(undefined).get()).toBe('live');
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    const store = createDragWritesStore(broken);
    store.set('release');
    expect(store.get()).toBe('release');
  });
});
