import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';
import type { RolloutRef } from '../mesh/controller-lock';
import { type CanaryRef, flaggerGatewayCanary } from '../mesh/gateway-api-owners';
import type { Informer, RawObject } from './informer';
import { NOT_SERVED_RECHECK_MS, startOptionalInformer } from './optional-informer';
import type { ResourceType } from './resources';
import { type RawRollout, rolloutRef } from './rollouts';

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
 * Watches Argo Rollouts and Flagger Canaries (in `namespaces` only, when given: one watch
 * each), so a write's lock check reads them here instead of two API requests. The watches
 * are fed from the API server's watch cache, as the lists were, and never go back in time;
 * they trail it by an event's delivery. Where a kind is not served (no CRD) or Weir's
 * credential may not watch it (a chart from before it asked), that kind is not held: the lock
 * check lists it on each write as before, so its freshness and its error stay as they were.
 */
export function watchControllers(
  kc: KubeConfig,
  namespaces?: readonly string[],
  options: { deadlineMs?: number } = {},
): ControllerWatch {
  const scopes: Array<string | undefined> = namespaces?.length ? [...namespaces] : [undefined];
  let stopped = false;
  const informers = new Set<Informer>();
  const timers = new Set<NodeJS.Timeout>();

  function watchKind<T>(kind: ControllerKind, reduce: (raw: RawObject) => T | undefined): Array<Scope<T>> {
    return scopes.map((namespace) => {
      const scope: Scope<T> = { items: new Map(), served: false, synced: false };
      const start = () => {
        if (stopped) return;
        const informer = startOptionalInformer<Held<T>, ControllerKind>(
          kc,
          CONTROLLER_TYPES[kind],
          {
            read: (raw) => ({
              key: `${raw.metadata?.namespace ?? ''}/${raw.metadata?.name ?? ''}`,
              ref: reduce(raw),
            }),
            onList(items) {
              scope.items = new Map(items.map((item) => [item.key, item.ref]));
            },
            onEvent(type, item) {
              if (type === 'DELETED') scope.items.delete(item.key);
              else scope.items.set(item.key, item.ref);
            },
            onServed(type) {
              scope.served = Boolean(type);
            },
            onSync(synced, _error, stale, code) {
              scope.synced = synced && !stale;
              // Listed but not watched (a credential with `list` alone): not held, and not
              // retried every few seconds either; looked at again as an absent kind is.
              if (code === 'Forbidden') {
                informer.stop();
                informers.delete(informer);
                scope.served = false;
                const timer = setTimeout(() => {
                  timers.delete(timer);
                  start();
                }, NOT_SERVED_RECHECK_MS);
                timer.unref?.();
                timers.add(timer);
              }
            },
          },
          { namespace, deadlineMs: options.deadlineMs },
        );
        informers.add(informer);
      };
      start();
      return scope;
    });
  }

  const held = <T>(kind: Array<Scope<T>>): T[] | undefined => {
    if (!kind.every((scope) => scope.served && scope.synced)) return undefined;
    return kind.flatMap((scope) => [...scope.items.values()].filter((ref): ref is T => ref !== undefined));
  };
  const rollouts = watchKind('Rollout', REDUCE.Rollout);
  const canaries = watchKind('Canary', REDUCE.Canary);
  return {
    rollouts: () => held(rollouts),
    canaries: () => held(canaries),
    stop() {
      stopped = true;
      for (const informer of informers) informer.stop();
      informers.clear();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
