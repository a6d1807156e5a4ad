import { type CanaryRef, gatewayRouteLock, type RouteRef, type RouteSelector } from './gateway-api-owners';
import type { StoredObject } from './types';

/** A controller that would undo an edit Weir made to an object, and what to do instead. */
export interface ControllerLock {
  controller: 'argo-rollouts' | 'flagger' | 'argo-cd' | 'flux';
  /** The owning object: `Rollout shop/catalog`, `Application catalog`. */
  owner: string;
  /** Why the edit is locked, in one sentence. */
  reason: string;
  /** What to do instead. */
  instead: string;
}

/** An Argo Rollout, reduced to the VirtualServices (and Gateway API routes) its canary steps rewrite. */
export interface RolloutRef {
  namespace: string;
  name: string;
  virtualServices: Array<{ namespace: string; name: string }>;
  /** Routes its Gateway API traffic-router plugin names. */
  gatewayRoutes?: RouteRef[];
  /** Routes that plugin picks by labels. */
  gatewayRouteSelectors?: RouteSelector[];
}

/**
 * Argo Rollouts names a VirtualService as `name` (in the Rollout's namespace) or
 * `name.namespace`; it splits on dots and takes the first two fields, and so does this.
 */
export function rolloutVirtualServiceRef(
  rolloutNamespace: string,
  ref: string,
): { namespace: string; name: string } {
  const [name = '', namespace] = ref.split('.');
  return { name, namespace: namespace || rolloutNamespace };
}

/**
 * The controller, if any, that owns an object's routing and would revert a change Weir made:
 * an Argo Rollout that names it, a Flagger Canary that owns it, an Argo CD Application or
 * Flux Kustomization/HelmRelease that applies it from Git.
 */
export function controllerLock(
  object: StoredObject,
  rollouts: readonly RolloutRef[] = [],
  canaries: readonly CanaryRef[] = [],
): ControllerLock | undefined {
  const { metadata } = object;
  const routeLock = gatewayRouteLock(object, rollouts, canaries);
  if (routeLock) return routeLock;
  const namespace = metadata.namespace ?? '';
  const labels = metadata.labels ?? {};
  const annotations = metadata.annotations ?? {};

  if (object.kind === 'VirtualService') {
    const rollout = rollouts.find((r) =>
      r.virtualServices.some((vs) => vs.namespace === namespace && vs.name === metadata.name),
    );
    if (rollout) {
      return {
        controller: 'argo-rollouts',
        owner: `Rollout ${rollout.namespace}/${rollout.name}`,
        reason: `Argo Rollouts sets these weights at each step of Rollout ${rollout.namespace}/${rollout.name} and would undo a change made here.`,
        instead: `Promote, pause or abort the Rollout (kubectl argo rollouts promote ${rollout.name} -n ${rollout.namespace}).`,
      };
    }
  }

  const canary = metadata.ownerReferences?.find(
    (ref) => ref.kind === 'Canary' && ref.apiVersion.startsWith('flagger.app/'),
  );
  if (canary) {
    return {
      controller: 'flagger',
      owner: `Canary ${namespace}/${canary.name}`,
      reason: `Flagger generates this object from Canary ${namespace}/${canary.name} and would overwrite a change made here.`,
      instead: `Edit the Canary ${canary.name} (its analysis and service spec) instead.`,
    };
  }

  const trackingId = annotations['argocd.argoproj.io/tracking-id'];
  const instance = labels['app.kubernetes.io/instance'];
  // Helm sets app.kubernetes.io/instance too; Helm alone reverts nothing, so only the
  // annotation counts when the object says Helm manages it.
  const helmOnly = labels['app.kubernetes.io/managed-by'] === 'Helm';
  if (trackingId || (instance && !helmOnly)) {
    const application = trackingId ? trackingId.split(':')[0] : instance;
    return {
      controller: 'argo-cd',
      owner: `Application ${application}`,
      reason: `Argo CD applies this object from Git (Application ${application}); with self-heal on it reverts a change made here, and otherwise shows the Application out of sync.`,
      instead: 'Change the manifest in Git and let Argo CD sync it.',
    };
  }

  const kustomization = labels['kustomize.toolkit.fluxcd.io/name'];
  const helmRelease = labels['helm.toolkit.fluxcd.io/name'];
  if (kustomization || helmRelease) {
    const owner = kustomization
      ? `Kustomization ${labels['kustomize.toolkit.fluxcd.io/namespace'] ?? namespace}/${kustomization}`
      : `HelmRelease ${labels['helm.toolkit.fluxcd.io/namespace'] ?? namespace}/${helmRelease}`;
    return {
      controller: 'flux',
      owner,
      reason: `Flux applies this object from Git (${owner}) and reverts a change made here at its next reconciliation.`,
      instead: kustomization
        ? 'Change the manifest in Git and let Flux reconcile it.'
        : 'Change the HelmRelease values in Git.',
    };
  }
  return undefined;
}
