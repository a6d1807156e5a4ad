import type { MeshIndex } from '../graph/index-snapshot';

// What the trace derives from a snapshot (VirtualServices per gateway and namespace, hosts
// claimed per port) is the same for every request against that snapshot: kept per index,
// and gone with it.
const memos = new WeakMap<object, Map<string, unknown>>();

/** `compute()` once per index (a MeshIndex, or the Gateway API index beside it) and key. */
export function memo<T>(index: MeshIndex | object, key: string, compute: () => T): T {
  let table = memos.get(index);
  if (!table) {
    table = new Map();
    memos.set(index, table);
  }
  if (table.has(key)) return table.get(key) as T;
  const value = compute();
  table.set(key, value);
  return value;
}
