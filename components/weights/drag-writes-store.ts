import { useSyncExternalStore } from 'react';
import { createDragWritesStore, type DragWrites } from '@/lib/client/drag-writes';

function browserStorage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

/** This browser's choice of when a weight drag writes, kept across reloads. */
export const dragWrites = createDragWritesStore(browserStorage());

export function useDragWrites(): DragWrites {
  return useSyncExternalStore(dragWrites.subscribe, dragWrites.get, () => 'live');
}
