import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';
import type { RolloutRef } from '../mesh/controller-lock';
import { type CanaryRef, flaggerGatewayCanary } from '../mesh/gateway-api-owners';
import { reviewAttributes } from './access-review';
import { type Informer, type RawObject, startInformer } from './informer';
import { onKubeConfigMoved } from './kube-config';
import { NOT_SERVED_RECHECK_MS, startOptionalInformer } from './optional-informer';
import type { ResourceType } from './resources';
import { type RawRollout, rolloutRef } from './rollouts';
import { toMeshError } from './status-error';

/** The controllers whose objects lock Weir's writes (lib/mesh/controller-lock.ts). */
type ControllerKind = 'Rollout' | 'Canary';

export const CONTROLLER_TYPES: Record<ControllerKind, ResourceType<ControllerKind>> = {
  Rollout: {
    kind: 'Rollout',
    group: 'argoproj.io',
    version: 'v1alpha1',
    versions: ['v1alpha1'],
    plural: 'rollouts',
    namespaced: true,
  },
  Canary: {
    kind: 'Canary',
    group: 'flagger.app',
    version: 'v1beta1',
    versions: ['v1beta1'],
    plural: 'canaries',
    namespaced: true,
  },
};

const REDUCE: {
  Rollout: (raw: RawObject) => RolloutRef | undefined;
  Canary: (raw: RawObject) => CanaryRef | undefined;
} = {
  Rollout: (raw) => rolloutRef(raw as RawRollout),
  Canary: (raw) => flaggerGatewayCanary(raw),
};

/**
 * A kind's CustomResourceDefinition, watched by name: where it is known not to exist, no
 * object of the kind can, and there is nothing to list (the chart grants this by name).
 */
const DEFINITIONS: ResourceType<'CustomResourceDefinition'> = {
  kind: 'CustomResourceDefinition',
  group: 'apiextensions.k8s.io',
  version: 'v1',
  plural: 'customresourcedefinitions',
  namespaced: false,
};

interface Held<T> {
  key: string;
  ref?: T;
}

/** One kind in one scope (a namespace, or the cluster): what its watch holds and whether to trust it. */
interface Scope<T> {
  items: Map<string, T | undefined>;
  /** Served by the API server and readable with Weir's credential (the probe said so). */
  served: boolean;
  /** The watch is current: listed, watching, heard from within its deadline. */
  synced: boolean;
}

interface WatchedKind<T> {
  definition: { synced: boolean; exists: boolean };
  /** Undefined while Weir asks whether it may watch the kind across the cluster. */
  scopes?: Array<Scope<T>>;
}

export interface ControllerWatch {
  /**
   * The Rollouts the watches hold, when every one of them is served, in sync and current;
   * undefined otherwise (not served, not Weir's to watch, starting, failing, silent): then
   * the caller lists them, as before there were watches.
   */
  rollouts(): RolloutRef[] | undefined;
  /** The Flagger Canaries routing through the Gateway API, likewise. */
  canaries(): CanaryRef[] | undefined;
  stop(): void;
}

/**
 * Watches Argo Rollouts and Flagger Canaries, so a write's lock check reads them here instead
 * of two API requests. The watches are fed from the API server's watch cache, as the lists
 * were, and never go back in time; they trail it by an event's delivery. A kind whose CRD the
 * watch of CRDs (by name) says is absent is held as none: nothing of it can exist. Where a
 * kind's CRD exists but the kind is not watched in sync (starting, failing, a version Weir
 * does not read, a credential that may not watch it or its CRD), it is not held: the lock
 * check lists it on each write as before, so its freshness and its error stay as they were.
 *
 * Limited to `namespaces`, each kind is watched once across the cluster, keeping only the
 * objects of those namespaces, where Weir's credential may list and watch it there (an access
 * review says so); otherwise once in each namespace (a credential with Roles there alone).
 * When the kubeconfig is read again and points at another cluster (reloadKubeConfig), what
 * the watches hold is dropped and they start again there.
 */
export function watchControllers(
  kc: KubeConfig,
  namespaces?: readonly string[],
  options: { deadlineMs?: number } = {},
): ControllerWatch {
  let run = startWatches(kc, namespaces, options);
  // The old cluster's objects, and the version its watches would resume from, mean nothing
  // to the new one (a version it has passed resumes silently, still holding the old objects).
  const unfollow = onKubeConfigMoved(kc, () => {
    run.stop();
    run = startWatches(kc, namespaces, options);
  });
  return {
    rollouts: () => run.rollouts(),
    canaries: () => run.canaries(),
    stop() {
      unfollow();
      run.stop();
    },
  };
}

/** The watches against the cluster the config points at now. */
function startWatches(
  kc: KubeConfig,
  namespaces: readonly string[] | undefined,
  options: { deadlineMs?: number },
): ControllerWatch {
  let stopped = false;
  const informers = new Set<Informer>();
  const timers = new Set<NodeJS.Timeout>();
  const later = (run: () => void, delayMs = NOT_SERVED_RECHECK_MS) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, delayMs);
    timer.unref?.();
    timers.add(timer);
  };

  /** Whether the kind's CRD exists, as its watch says; `synced` false: not known. */
  function watchDefinition(type: ResourceType<ControllerKind>, appeared: () => void) {
    const definition = { synced: false, exists: false };
    const name = `${type.plural}.${type.group}`;
    const start = () => {
      if (stopped) return;
      const informer = startInformer<string>(
        kc,
        { ...DEFINITIONS, only: { namespace: '', name } },
        {
          read: (raw) => raw.metadata?.name,
          onList(items) {
            const exists = items.includes(name);
            if (exists && !definition.exists) appeared();
            definition.exists = exists;
          },
          onEvent(type) {
            const exists = type !== 'DELETED';
            if (exists && !definition.exists) appeared();
            definition.exists = exists;
          },
          onSync(synced, _error, stale, code) {
            definition.synced = synced && !stale;
            // Not Weir's to read (a chart from before it asked): the kind is listed instead.
            if (code === 'Forbidden') {
              informer.stop();
              informers.delete(informer);
              later(start);
            }
          },
        },
        { deadlineMs: options.deadlineMs },
      );
      informers.add(informer);
    };
    start();
    return definition;
  }

  function watchKind<T>(kind: ControllerKind, reduce: (raw: RawObject) => T | undefined): WatchedKind<T> {
    const type = CONTROLLER_TYPES[kind];
    const running = new Set<Informer>();
    // The CRD just created: looked for now, not at the next recheck.
    const definition = watchDefinition(type, () => {
      for (const informer of running) informer.relist();
    });
    const watched: WatchedKind<T> = { definition };

    /** One watch: in `namespace`, or across the cluster keeping the namespaces of `within`. */
    const watchScope = (namespace: string | undefined, within?: ReadonlySet<string>): Scope<T> => {
      const scope: Scope<T> = { items: new Map(), served: false, synced: false };
      const start = () => {
        if (stopped) return;
        const informer = startOptionalInformer<Held<T>, ControllerKind>(
          kc,
          type,
          {
            read: (raw) =>
              within && !within.has(raw.metadata?.namespace ?? '')
                ? undefined
                : {
                    key: `${raw.metadata?.namespace ?? ''}/${raw.metadata?.name ?? ''}`,
                    ref: reduce(raw),
                  },
            onList(items) {
              scope.items = new Map(items.map((item) => [item.key, item.ref]));
            },
            onEvent(type, item) {
              if (type === 'DELETED') scope.items.delete(item.key);
              else scope.items.set(item.key, item.ref);
            },
            onServed(type, forbidden) {
              scope.served = Boolean(type);
              // Refused at the first look (the right across the cluster taken away before the
              // kind was even looked for): as a refused list, asked again.
              if (within && forbidden !== undefined) refused();
            },
            onSync(synced, _error, stale, code) {
              scope.synced = synced && !stale;
              if (code === 'Forbidden') refused();
            },
          },
          { namespace, deadlineMs: options.deadlineMs },
        );
        const refused = () => {
          informer.stop();
          informers.delete(informer);
          running.delete(informer);
          scope.served = false;
          // The right across the cluster taken away since it was asked: asked again
          // (later, as for an absent kind), and watched per namespace if so it must be.
          if (within) {
            watched.scopes = undefined;
            later(decide);
            return;
          }
          // Listed but not watched (a credential with `list` alone): not held, and not
          // retried every few seconds either; looked at again as an absent kind is.
          later(start);
        };
        informers.add(informer);
        running.add(informer);
      };
      start();
      return scope;
    };

    let backoff = 250;
    /** One watch across the cluster where Weir may, else one per namespace. */
    const decide = async () => {
      if (stopped) return;
      if (!namespaces?.length) {
        watched.scopes = [watchScope(undefined)];
        return;
      }
      let acrossCluster: boolean;
      try {
        acrossCluster = await mayWatchAcrossCluster(kc, type);
      } catch (error) {
        if (stopped) return;
        // Not answered (the API server unreachable): asked again; meanwhile each write lists.
        if (toMeshError(error).code !== 'Forbidden') {
          later(decide, backoff);
          backoff = Math.min(backoff * 2, 2_000);
          return;
        }
        acrossCluster = false;
      }
      if (stopped) return;
      backoff = 250;
      watched.scopes = acrossCluster
        ? [watchScope(undefined, new Set(namespaces))]
        : namespaces.map((namespace) => watchScope(namespace));
    };
    void decide();
    return watched;
  }

  const held = <T>({ definition, scopes: each }: WatchedKind<T>): T[] | undefined => {
    // No CRD, as a watch in sync says: nothing of the kind can exist.
    if (definition.synced && !definition.exists) return [];
    if (!each?.every((scope) => scope.served && scope.synced)) return undefined;
    return each.flatMap((scope) => [...scope.items.values()].filter((ref): ref is T => ref !== undefined));
  };
  const rollouts = watchKind('Rollout', REDUCE.Rollout);
  const canaries = watchKind('Canary', REDUCE.Canary);
  return {
    // A stopped run holds another cluster's objects, or none that are current.
    rollouts: () => (stopped ? undefined : held(rollouts)),
    canaries: () => (stopped ? undefined : held(canaries)),
    stop() {
      stopped = true;
      for (const informer of informers) informer.stop();
      informers.clear();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

/**
 * Whether Weir's credential may list and watch the kind in every namespace (a cluster role,
 * not only Roles in some): then one watch serves any number of namespaces.
 */
async function mayWatchAcrossCluster(kc: KubeConfig, type: ResourceType<ControllerKind>): Promise<boolean> {
  const may = (verb: string) =>
    reviewAttributes(kc, { verb, group: type.group, resource: type.plural, namespace: '' });
  const [list, watch] = await Promise.all([may('list'), may('watch')]);
  return list && watch;
}
