import type { ControllerLock, RolloutRef } from './controller-lock';
import type { StoredObject } from './types';

// Who owns the weights of a Gateway API route. Two controllers rewrite backendRef weights at
// every step of a canary and would undo a change Weir made:
// - Argo Rollouts through its Gateway API traffic-router plugin: the Rollout names the routes
//   under spec.strategy.canary.trafficRouting.plugins["argoproj-labs/gatewayAPI"] as
//   httpRoute / grpcRoute / tcpRoute / tlsRoute (one name), httpRoutes / grpcRoutes / tcpRoutes /
//   tlsRoutes (a list of {name}), or httpRouteSelector … (labels), all in `namespace` or the
//   Rollout's own (the plugin's GatewayAPITrafficRouting type).
// - Flagger with a gatewayapi provider (spec.provider `gatewayapi:v1`, or gatewayRefs under
//   spec.service, which only that provider reads): it creates and updates the HTTPRoute named
//   after the apex Service (spec.service.name, else spec.targetRef.name) in the Canary's
//   namespace, and sets an owner reference to the Canary only when told to.

export const ROLLOUTS_GATEWAY_API_PLUGIN = 'argoproj-labs/gatewayAPI';

/** A route named by a controller: kind, namespace and name. */
export interface RouteRef {
  kind: 'HTTPRoute' | 'GRPCRoute' | 'TCPRoute' | 'TLSRoute';
  namespace: string;
  name: string;
}

/** Routes a controller picks by labels. */
export interface RouteSelector {
  kind: RouteRef['kind'];
  namespace: string;
  matchLabels: Record<string, string>;
}

/** A Flagger Canary with a Gateway API provider, reduced to the HTTPRoute it writes. */
export interface CanaryRef {
  namespace: string;
  name: string;
  /** The HTTPRoute Flagger generates and rewrites: named after the apex Service. */
  httpRoute: string;
}

type Loose = Record<string, unknown>;
const record = (v: unknown): Loose =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {};
const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const array = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const SINGLE: Array<[string, string, RouteRef['kind']]> = [
  ['httpRoute', 'httpRoutes', 'HTTPRoute'],
  ['grpcRoute', 'grpcRoutes', 'GRPCRoute'],
  ['tcpRoute', 'tcpRoutes', 'TCPRoute'],
  ['tlsRoute', 'tlsRoutes', 'TLSRoute'],
];

/** The Gateway API routes a Rollout's plugin config names and selects (none: it uses no Gateway API plugin). */
export function rolloutGatewayRoutes(rollout: unknown): { routes: RouteRef[]; selectors: RouteSelector[] } {
  const raw = record(rollout);
  const rolloutNamespace = text(record(raw.metadata).namespace) ?? '';
  const plugins = record(record(record(record(record(raw.spec).strategy).canary).trafficRouting).plugins);
  const config = record(
    Object.hasOwn(plugins, ROLLOUTS_GATEWAY_API_PLUGIN) ? plugins[ROLLOUTS_GATEWAY_API_PLUGIN] : {},
  );
  const namespace = text(config.namespace) ?? rolloutNamespace;
  const routes: RouteRef[] = [];
  const selectors: RouteSelector[] = [];
  for (const [one, many, kind] of SINGLE) {
    const single = text(config[one]);
    if (single) routes.push({ kind, namespace, name: single });
    for (const entry of array(config[many])) {
      const name = text(record(entry).name);
      if (name) routes.push({ kind, namespace, name });
    }
    const selector = record(config[`${one}Selector`]);
    const matchLabels = record(selector.matchLabels);
    if (Object.keys(matchLabels).length > 0)
      selectors.push({
        kind,
        namespace,
        matchLabels: Object.fromEntries(
          Object.entries(matchLabels).filter((e): e is [string, string] => typeof e[1] === 'string'),
        ),
      });
  }
  return { routes, selectors };
}

/** A Canary that Flagger routes through the Gateway API, reduced to its HTTPRoute; undefined for any other provider. */
export function flaggerGatewayCanary(canary: unknown): CanaryRef | undefined {
  const raw = record(canary);
  const metadata = record(raw.metadata);
  const spec = record(raw.spec);
  const service = record(spec.service);
  const provider = text(spec.provider);
  const gatewayApi = provider ? provider.startsWith('gatewayapi') : array(service.gatewayRefs).length > 0;
  if (!gatewayApi) return undefined;
  const httpRoute = text(service.name) ?? text(record(spec.targetRef).name);
  const name = text(metadata.name);
  if (!httpRoute || !name) return undefined;
  return { namespace: text(metadata.namespace) ?? '', name, httpRoute };
}

/** The lock on a Gateway API route whose weights a Rollout or a Canary manages, if any. */
export function gatewayRouteLock(
  object: StoredObject,
  rollouts: readonly RolloutRef[],
  canaries: readonly CanaryRef[],
): ControllerLock | undefined {
  const { kind, metadata } = object;
  const namespace = metadata.namespace ?? '';
  const labels = metadata.labels ?? {};
  const rollout = rollouts.find(
    (r) =>
      (r.gatewayRoutes ?? []).some(
        (g) => g.kind === kind && g.namespace === namespace && g.name === metadata.name,
      ) ||
      (r.gatewayRouteSelectors ?? []).some(
        (s) =>
          s.kind === kind &&
          s.namespace === namespace &&
          Object.entries(s.matchLabels).every(([k, v]) => Object.hasOwn(labels, k) && labels[k] === v),
      ),
  );
  if (rollout) {
    return {
      controller: 'argo-rollouts',
      owner: `Rollout ${rollout.namespace}/${rollout.name}`,
      reason: `Argo Rollouts' Gateway API plugin sets this ${kind}'s backend weights at each step of Rollout ${rollout.namespace}/${rollout.name} and would undo a change made here.`,
      instead: `Promote, pause or abort the Rollout (kubectl argo rollouts promote ${rollout.name} -n ${rollout.namespace}).`,
    };
  }
  const canary =
    kind === 'HTTPRoute'
      ? canaries.find((c) => c.namespace === namespace && c.httpRoute === metadata.name)
      : undefined;
  if (canary) {
    return {
      controller: 'flagger',
      owner: `Canary ${canary.namespace}/${canary.name}`,
      reason: `Flagger's Gateway API provider generates this HTTPRoute from Canary ${canary.namespace}/${canary.name} and sets its weights at every analysis step; it would overwrite a change made here.`,
      instead: `Edit the Canary ${canary.name} (its service and analysis) instead.`,
    };
  }
  return undefined;
}
