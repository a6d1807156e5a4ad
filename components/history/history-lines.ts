import type { DestinationWeight, HistoryEntry, RouteWeightsChange } from '@/lib/mesh/history';
import type { RouteKind } from '@/lib/mesh/types';

/** The weighted edge a history line is about: one destination of one route. */
export interface EdgeFocus {
  routeKind: RouteKind;
  routeIndex: number;
  host: string;
  subset?: string;
  port?: number;
}

const same = (d: DestinationWeight, focus: Pick<EdgeFocus, 'host' | 'subset' | 'port'>) =>
  d.host === focus.host && d.subset === focus.subset && d.port === focus.port;

/** The route change of an entry that concerns this route, if any. */
export function routeChangeOf(
  entry: HistoryEntry,
  routeKind: RouteKind,
  routeIndex: number,
): RouteWeightsChange | undefined {
  return entry.routes.find((route) => route.routeKind === routeKind && route.routeIndex === routeIndex);
}

/**
 * What an entry did to one edge: `catalog v2: 10% → 25%` (a destination that appears or
 * goes is `— → 25%`, `10% → —`); undefined when the entry left that edge alone.
 */
export function edgeChangeText(entry: HistoryEntry, focus: EdgeFocus): string | undefined {
  const route = routeChangeOf(entry, focus.routeKind, focus.routeIndex);
  if (!route) return undefined;
  const before = route.before.find((d) => same(d, focus))?.weight;
  const after = route.after.find((d) => same(d, focus))?.weight;
  if (before === after) return undefined;
  const name = `${focus.host.split('.')[0]}${focus.subset ? ` ${focus.subset}` : ''}${focus.port ? `:${focus.port}` : ''}`;
  const show = (weight: number | undefined) => (weight === undefined ? '—' : `${weight}%`);
  return `${name}: ${show(before)} → ${show(after)}`;
}

/**
 * The entries of a past view: those recorded at or before its time (all of them without one).
 * A time that is not one hides nothing: the page says the time is wrong, not the history.
 */
export function atOrBefore<T extends Pick<HistoryEntry, 'time'>>(
  entries: readonly T[],
  at: string | null,
): T[] {
  const until = at ? Date.parse(at) : Number.NaN;
  if (Number.isNaN(until)) return [...entries];
  return entries.filter((entry) => Date.parse(entry.time) <= until);
}

// Made once: toLocaleTimeString builds a formatter per call, and a history of a few hundred
// lines, formatted again at each canary step of a drag, spent a third of a second on them.
const CLOCK = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });
const DAY_OF_YEAR = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/** `14:02` today, `3 Mar 14:02` another day (the person's own time zone). */
export function shortTime(iso: string, now: Date = new Date()): string {
  const time = new Date(iso);
  const clock = CLOCK.format(time);
  if (time.toDateString() === now.toDateString()) return clock;
  const day = (time.getFullYear() !== now.getFullYear() ? DAY_OF_YEAR : DAY).format(time);
  return `${day} ${clock}`;
}

/** Who made a change, as the line says it: `olivia.operator`, or `kubectl-edit (outside Weir)`. */
export function authorText(entry: HistoryEntry): string {
  return entry.source === 'external' ? `${entry.user} (outside Weir)` : entry.user;
}

/**
 * The weights to put back to undo an entry on one route: its `before`, when the route still
 * has exactly those destinations in that order and does not already carry those weights.
 * Otherwise the reason it cannot be restored in one click.
 */
export function restorePlan(
  entry: HistoryEntry,
  routeKind: RouteKind,
  routeIndex: number,
  current: Array<Omit<DestinationWeight, 'weight'> & { weight: number }> | undefined,
): { weights: number[] } | { reason: string } {
  const route = routeChangeOf(entry, routeKind, routeIndex);
  if (!route || route.before.length === 0) return { reason: 'nothing to restore on this route' };
  if (!current) return { reason: 'the route no longer exists' };
  const sameDestinations =
    current.length === route.before.length && route.before.every((d, i) => current[i] && same(d, current[i]));
  if (!sameDestinations) return { reason: 'the route’s destinations changed since; restore by hand' };
  const weights = route.before.map((d) => d.weight);
  if (weights.every((w, i) => w === current[i]?.weight)) return { reason: 'these are the weights now' };
  return { weights };
}
