import { destinationKey, placeOf } from '@/lib/mesh/destination-key';
import type { Destination } from '@/lib/mesh/types';

// What the Add destination / Add backend form lists and has picked, kept apart from the form
// so that it can be tested without a browser.

/** A choice's key in the form: its destination's identity (host|subset|port). */
export const keyOf = (d: Destination): string => destinationKey(placeOf(d));

/**
 * The choices once each: a Service with 53/TCP and 53/UDP, or a host in two ServiceEntries,
 * is one destination (and two options with one key would be one React key twice).
 */
export function distinctChoices<C extends { destination: Destination }>(choices: readonly C[]): C[] {
  const seen = new Set<string>();
  return choices.filter((choice) => {
    const key = keyOf(choice.destination);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The key the form has picked: the person's pick while it is still a choice (or `other`, the
 * typed host, where there is one), else the first choice — choices that arrive after the form
 * opened are picked from, not left with nothing picked and Add disabled.
 */
export function currentPick(picked: string, keys: readonly string[], other: string | undefined): string {
  if (keys.includes(picked) || (other !== undefined && picked === other)) return picked;
  return keys[0] ?? other ?? '';
}
