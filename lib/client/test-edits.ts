import type { WeightEdit } from '../mesh/changes/edits';

/** For tests: a weight edit of route http[0] of a two-destination VirtualService in `shop`. */
export function weightEdit(before: number[], after: number[], name = 'catalog'): WeightEdit {
  return {
    kind: 'SetWeights',
    target: { kind: 'VirtualService', namespace: 'shop', name },
    routeKind: 'http',
    routeIndex: 0,
    destinations: [`${name}|v1|`, `${name}|v2|`],
    before,
    after,
  };
}
