import type { RouteAddress } from '../route-address';
import type { SetBackendWeights } from './set-backend-weights';
import type { SetWeights } from './set-weights';

/**
 * The change that sets a route's weights, as the sliders show them (whole percentages adding
 * up to 100): SetWeights for a VirtualService's route, SetBackendWeights for a Gateway API
 * route's rule. The one place a gesture picks between them.
 */
export function weightsChange(
  { ref, routeKind, routeIndex }: RouteAddress,
  weights: number[],
): SetWeights | SetBackendWeights {
  return routeKind === 'rules'
    ? { kind: 'SetBackendWeights', target: ref, routeKind, routeIndex, weights }
    : { kind: 'SetWeights', target: ref, routeKind, routeIndex, weights };
}

/** Whether a change sets a route's weights (either kind). */
export function isWeightsChange(change: { kind: string }): change is SetWeights | SetBackendWeights {
  return change.kind === 'SetWeights' || change.kind === 'SetBackendWeights';
}
