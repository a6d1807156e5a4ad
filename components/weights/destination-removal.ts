import type { RouteAddress } from '@/lib/mesh/route-address';
import { createKeyedStore, useKeyedValue } from './keyed-store';

/** A person asked to remove one destination of a route; the confirmation dialog answers. */
export interface RemovalRequest {
  target: RouteAddress;
  destinationIndex: number;
  /** `host|subset|port` of that destination: the dialog acts only while the route still has it. */
  destinationId: string;
}

const store = createKeyedStore<RemovalRequest>();
const KEY = 'request';

/** Opens the confirmation for removing a destination (from the inspector or the canvas). */
export function requestRemoval(request: RemovalRequest): void {
  store.set(KEY, request);
}

export function closeRemoval(): void {
  store.set(KEY, undefined);
}

export function useRemovalRequest(): RemovalRequest | undefined {
  return useKeyedValue(store, KEY);
}
