import type { ObjectMeta } from './types';

/** The field manager Weir's own writes carry. */
export const WEIR_FIELD_MANAGER = 'weir';

/**
 * Who last wrote an object, from its managedFields: the manager of the newest entry (ties,
 * at the API server's one-second resolution, go to a manager other than Weir, so that an
 * outside edit in the same second as Weir's is not taken for Weir's). Undefined without any.
 */
export function latestManager(meta: ObjectMeta): { manager: string; time?: string } | undefined {
  const entries = (meta.managedFields ?? []).filter((entry) => entry.manager);
  if (entries.length === 0) return undefined;
  const at = (time?: string) => (time ? Date.parse(time) : 0);
  const newest = Math.max(...entries.map((entry) => at(entry.time)));
  const latest = entries.filter((entry) => at(entry.time) === newest);
  const chosen = latest.find((entry) => entry.manager !== WEIR_FIELD_MANAGER) ?? latest[0];
  return chosen?.manager ? { manager: chosen.manager, time: chosen.time } : undefined;
}

/**
 * Whether Weir is among the newest managers of an object (ties included, at the API server's
 * one-second resolution): the version may be Weir's own write, by this replica or another.
 */
export function maybeWeirs(meta: ObjectMeta): boolean {
  const entries = (meta.managedFields ?? []).filter((entry) => entry.manager);
  const at = (time?: string) => (time ? Date.parse(time) : 0);
  const newest = Math.max(...entries.map((entry) => at(entry.time)));
  return entries.some((entry) => entry.manager === WEIR_FIELD_MANAGER && at(entry.time) === newest);
}
