import type { VirtualService } from '../../mesh/types';
import type { Check, Emit } from '../check';
import { type RouteSite, routesOf } from '../walk';
import { httpGuarantees, httpRequirements, l4MatchCovers } from './match-covers';

type Match = Record<string, unknown>;

/**
 * Finds, for each match of a route, the earliest previous route with a match that takes all
 * of its requests. HTTP matches are indexed by one of their condition keys, so a
 * VirtualService with thousands of routes is not checked pair by pair.
 */
interface CoverIndex {
  coveredBy(match: Match): RouteSite | undefined;
  /** Adds a route's matches; true when one of them takes every request. */
  add(route: RouteSite): boolean;
}

function httpIndex(): CoverIndex {
  const byAnchor = new Map<string, { requirements: string[]; route: RouteSite }[]>();
  return {
    coveredBy(match) {
      const guarantees = httpGuarantees(match);
      let first: RouteSite | undefined;
      for (const guarantee of guarantees) {
        for (const entry of byAnchor.get(guarantee) ?? []) {
          if (first && first.index <= entry.route.index) continue;
          if (entry.requirements.every((requirement) => guarantees.has(requirement))) first = entry.route;
        }
      }
      return first;
    },
    add(route) {
      let catchAll = false;
      for (const match of route.matches) {
        const requirements = httpRequirements(match);
        if (requirements.length === 0) {
          catchAll = true;
          continue;
        }
        // Any required key will do as the anchor; the longest is usually the most selective.
        const anchor = requirements.reduce((a, b) => (b.length > a.length ? b : a));
        const entries = byAnchor.get(anchor);
        if (entries) entries.push({ requirements, route });
        else byAnchor.set(anchor, [{ requirements, route }]);
      }
      return catchAll;
    },
  };
}

// TLS and TCP routes are few; comparing pairs is fine.
function l4Index(): CoverIndex {
  const earlier: { match: Match; route: RouteSite }[] = [];
  return {
    coveredBy: (match) => earlier.find((prior) => l4MatchCovers(prior.match, match))?.route,
    add(route) {
      for (const match of route.matches) earlier.push({ match, route });
      return route.matches.some((match) => Object.values(match).every((value) => value === undefined));
    },
  };
}

/** Every route can match something no earlier route of the same protocol already takes. */
export const vsUnreachableRoutes: Check = {
  name: 'vs-unreachable-routes',
  codes: ['VS_UNREACHABLE_ROUTE', 'VS_INEFFECTIVE_MATCH'],
  run(context, { each, emit }) {
    each(context.virtualServices, (vs) => {
      const routes = routesOf(vs);
      for (const kind of ['http', 'tls', 'tcp'] as const) {
        checkRoutes(
          vs,
          emit,
          routes.filter((route) => route.kind === kind),
          kind === 'http' ? httpIndex() : l4Index(),
        );
      }
    });
  },
};

function checkRoutes(vs: VirtualService, emit: Emit, routes: RouteSite[], index: CoverIndex): void {
  let catchAll: RouteSite | undefined;
  for (const route of routes) {
    if (catchAll) {
      emit(
        'VS_UNREACHABLE_ROUTE',
        vs,
        route.path,
        `${label(route)} can never match: ${label(catchAll)} before it takes every request.`,
      );
      continue;
    }
    if (route.matches.length === 0) {
      catchAll = route;
      continue;
    }
    const covered = route.matches.map((match) => index.coveredBy(match));
    if (covered.every((by) => by !== undefined)) {
      const by = [...new Set(covered.map((site) => label(site as RouteSite)))];
      const takes = by.length === 1 ? 'already takes' : 'together take';
      emit(
        'VS_UNREACHABLE_ROUTE',
        vs,
        route.path,
        `${label(route)} can never match: ${by.join(', ')} ${takes} all its matches.`,
      );
    } else {
      covered.forEach((by, matchIndex) => {
        if (!by) return;
        emit(
          'VS_INEFFECTIVE_MATCH',
          vs,
          `${route.path}.match[${matchIndex}]`,
          `Match ${matchIndex} of ${label(route)} is already taken by ${label(by)}.`,
        );
      });
    }
    if (index.add(route)) catchAll = route;
  }
}

function label(route: RouteSite): string {
  const name = route.name ? ` "${route.name}"` : '';
  return `route ${route.kind}[${route.index}]${name}`;
}
