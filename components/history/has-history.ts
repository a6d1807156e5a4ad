import { GATEWAY_ROUTE_KINDS } from '@/lib/mesh/gateway-api-types';
import { ISTIO_KINDS, type Kind } from '@/lib/mesh/types';

const RECORDED: readonly string[] = [...ISTIO_KINDS, ...GATEWAY_ROUTE_KINDS, 'KubernetesGateway'];

/** Weir records changes to Istio routing objects and Gateway API routes and Gateways only. */
export function hasHistory(kind: Kind): boolean {
  return RECORDED.includes(kind);
}
