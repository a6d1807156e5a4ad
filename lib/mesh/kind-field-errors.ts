import { type FieldError, specFieldErrors } from './field-errors';
import { gatewayRouteFieldErrors, kubernetesGatewayFieldErrors } from './gateway-api-field-errors';
import { GATEWAY_ROUTE_KINDS } from './gateway-api-types';

/**
 * The field errors of a spec of kind `kind`: the Gateway API's routes and Gateway by their own rules
 * (relative weights up to 1,000,000, their duration syntax …), every other kind by Istio's.
 */
export function kindFieldErrors(kind: string, spec: unknown): FieldError[] {
  if (kind === 'KubernetesGateway') return kubernetesGatewayFieldErrors(spec);
  return (GATEWAY_ROUTE_KINDS as readonly string[]).includes(kind)
    ? gatewayRouteFieldErrors(kind, spec)
    : specFieldErrors(spec);
}

/** The errors of `after` that `before` did not have (an old mistake never blocks an edit). */
export function introducedKindFieldErrors(
  before: { kind: string; spec: unknown },
  after: { kind: string; spec: unknown },
): FieldError[] {
  const known = new Set(kindFieldErrors(before.kind, before.spec).map((e) => `${e.path} ${e.message}`));
  return kindFieldErrors(after.kind, after.spec).filter((e) => !known.has(`${e.path} ${e.message}`));
}
