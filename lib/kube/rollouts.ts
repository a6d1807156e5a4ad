import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';
import { type RolloutRef, rolloutVirtualServiceRef } from '../mesh/controller-lock';
import { NotFoundError } from '../mesh/errors';
import { rolloutGatewayRoutes } from '../mesh/gateway-api-owners';
import { listFromWatchCache } from './watch-cache-list';

export interface RawRollout {
  metadata?: { name?: string; namespace?: string };
  spec?: {
    strategy?: {
      canary?: {
        trafficRouting?: {
          istio?: {
            virtualService?: { name?: string };
            virtualServices?: Array<{ name?: string }>;
          };
        };
      };
    };
  };
}

const ROLLOUTS = '/apis/argoproj.io/v1alpha1';

/**
 * Every Argo Rollout (in `namespaces` only, when given: one list each), reduced to the
 * VirtualServices its canary traffic routing names and the Gateway API routes its plugin names. No Rollout CRD in the cluster: an empty list.
 */
export async function listRollouts(kc: KubeConfig, namespaces?: readonly string[]): Promise<RolloutRef[]> {
  const paths = namespaces?.length
    ? namespaces.map((namespace) => `${ROLLOUTS}/namespaces/${encodeURIComponent(namespace)}/rollouts`)
    : [`${ROLLOUTS}/rollouts`];
  let items: RawRollout[];
  try {
    const lists = await Promise.all(
      paths.map((path) => listFromWatchCache<{ items?: RawRollout[] }>(kc, path)),
    );
    items = lists.flatMap((list) => list.items ?? []);
  } catch (error) {
    if (error instanceof NotFoundError) return [];
    throw error;
  }
  return items.flatMap((rollout) => rolloutRef(rollout) ?? []);
}

/**
 * A Rollout reduced to the VirtualServices its canary traffic routing names and the Gateway
 * API routes its plugin names; undefined when it names none (it locks nothing).
 */
export function rolloutRef(rollout: RawRollout): RolloutRef | undefined {
  const namespace = rollout.metadata?.namespace ?? '';
  const name = rollout.metadata?.name ?? '';
  const istio = rollout.spec?.strategy?.canary?.trafficRouting?.istio;
  const names = [istio?.virtualService?.name, ...(istio?.virtualServices ?? []).map((vs) => vs.name)].filter(
    (vs): vs is string => Boolean(vs),
  );
  const gateway = rolloutGatewayRoutes(rollout);
  if (names.length === 0 && gateway.routes.length === 0 && gateway.selectors.length === 0) return undefined;
  return {
    namespace,
    name,
    virtualServices: names.map((vs) => rolloutVirtualServiceRef(namespace, vs)),
    ...(gateway.routes.length > 0 && { gatewayRoutes: gateway.routes }),
    ...(gateway.selectors.length > 0 && { gatewayRouteSelectors: gateway.selectors }),
  };
}
