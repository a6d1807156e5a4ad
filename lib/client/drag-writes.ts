import { createListeners } from './external-store';

/**
 * When a weight drag writes: `live` sends throttled writes while the handle moves (and the
 * final value on release); `release` only shows the new weights until the handle is let go,
 * then writes once.
 */
export type DragWrites = 'live' | 'release';

export const DRAG_WRITES_KEY = 'weir.dragWrites';

/** The stored choice; anything unknown (or nothing stored) is the default, `live`. */
export function parseDragWrites(stored: string | null | undefined): DragWrites {
  return stored === 'release' ? 'release' : 'live';
}

/** Whether a move in the middle of a drag is written now, rather than only shown. */
export function writesWhileDragging(mode: DragWrites): boolean {
  return mode === 'live';
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

/** The choice, kept in `storage` (localStorage in the browser) when there is one. */
export function createDragWritesStore(storage: StorageLike | undefined) {
  const { subscribe, notify } = createListeners();
  let mode = parseDragWrites(safely(() => storage?.getItem(DRAG_WRITES_KEY)));
  return {
    get: (): DragWrites => mode,
    set(next: DragWrites) {
      if (next === mode) return;
      mode = next;
      safely(() => storage?.setItem(DRAG_WRITES_KEY, next));
      notify();
    },
    subscribe,
  };
}

// Storage can throw (disabled, full, private mode): the choice then lasts for this page only.
function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
