import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';
import { NotFoundError } from '../mesh/errors';
import { type CanaryRef, flaggerGatewayCanary } from '../mesh/gateway-api-owners';
import { listFromWatchCache } from './watch-cache-list';

const CANARIES = '/apis/flagger.app/v1beta1';

/**
 * Every Flagger Canary that routes through the Gateway API (in `namespaces` only, when given),
 * reduced to the HTTPRoute it writes. No Canary CRD in the cluster: an empty list.
 */
export async function listGatewayCanaries(
  kc: KubeConfig,
  namespaces?: readonly string[],
): Promise<CanaryRef[]> {
  const paths = namespaces?.length
    ? namespaces.map((namespace) => `${CANARIES}/namespaces/${encodeURIComponent(namespace)}/canaries`)
    : [`${CANARIES}/canaries`];
  try {
    const lists = await Promise.all(paths.map((path) => listFromWatchCache<{ items?: unknown[] }>(kc, path)));
    return lists.flatMap((list) => list.items ?? []).flatMap((item) => flaggerGatewayCanary(item) ?? []);
  } catch (error) {
    if (error instanceof NotFoundError) return [];
    throw error;
  }
}
