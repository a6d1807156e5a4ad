import { createKeyedStore } from './keyed-store';

/**
 * Destinations whose weight a person locked, per route, by destination identity
 * (`host|subset|port`) so a lock stays with its destination if the route is reordered.
 */
export const weightLocks = createKeyedStore<ReadonlySet<string>>();

export function toggleLock(route: string, destination: string): void {
  const next = new Set(weightLocks.get(route));
  if (next.has(destination)) next.delete(destination);
  else next.add(destination);
  weightLocks.set(route, next.size > 0 ? next : undefined);
}
