import { evaluateMatch, type MatchSite } from './http-match';
import type { TraceRequest } from './request';
import type { RouteEntry } from './route-table';
import type { RouteTry } from './types';

/**
 * Envoy's route search in a virtual host: the first route whose match holds wins, the rest
 * are not tried. Each route tried is kept with its conditions, so the answer can say why it
 * did not match. Problems (a regex RE2 refuses) are collected on the way.
 */
export function walkRoutes(
  routes: readonly RouteEntry[],
  request: TraceRequest,
  site: MatchSite,
  problems: string[],
): { tried: RouteTry[]; matched?: { entry: RouteEntry; attempt: RouteTry } } {
  const tried: RouteTry[] = [];
  for (const entry of routes) {
    const outcome = evaluateMatch(entry.match, request, site);
    for (const condition of outcome.conditions) {
      if (condition.problem && !problems.includes(condition.problem)) problems.push(condition.problem);
    }
    const attempt: RouteTry = {
      at: entry.at,
      envoyName: entry.envoyName,
      matched: outcome.ok,
      conditions: outcome.conditions,
    };
    tried.push(attempt);
    if (outcome.ok) return { tried, matched: { entry, attempt } };
  }
  return { tried };
}
