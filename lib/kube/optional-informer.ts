import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Kind } from '../mesh/types';
import {
  type Informer,
  type InformerHandlers,
  type InformerOptions,
  informerScope,
  startInformer,
} from './informer';
import { kubeRequest } from './request';
import type { ResourceType } from './resources';
import { toMeshError } from './status-error';

/** How often a kind the cluster does not serve is looked for again (its CRDs may be installed later). */
export const NOT_SERVED_RECHECK_MS = 60_000;

export interface OptionalInformerHandlers<T, K extends string = Kind> extends InformerHandlers<T> {
  /**
   * Which version the API server serves the kind in, or undefined: none Weir reads (no CRD),
   * or `forbidden`: Weir's credential may not read it (the API server's message).
   */
  onServed(type: ResourceType<K> | undefined, forbidden?: string): void;
}

/**
 * An informer for a kind of an optional API (`type.versions`: the Gateway API's CRDs). It
 * first asks which of the versions Weir reads the API server serves — a list of one item,
 * so it is the same request RBAC already allows the watch — and watches that one. When none
 * is served (404 for each), or the credential may not read it (403), the kind is reported in
 * sync and empty, not as an error, and looked for again every NOT_SERVED_RECHECK_MS and on
 * relist(); a watch that starts failing because the CRD went away goes back to that.
 */
export function startOptionalInformer<T, K extends string = Kind>(
  kc: KubeConfig,
  type: ResourceType<K>,
  handlers: OptionalInformerHandlers<T, K>,
  options: InformerOptions = {},
): Informer {
  let stopped = false;
  let inner: Informer | undefined;
  let timer: NodeJS.Timeout | undefined;
  // One probe at a time: a relist while one is asking would start a second informer, and the
  // first would never be stopped (a leaked watch, every event twice).
  let probing = false;
  let backoff = 250;
  let resolveReady: () => void;
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });

  // Not there, or not Weir's to read: the kind is shown as absent, in sync and empty, so an API
  // Weir only optionally shows never pauses the rest of the mesh; looked for again later.
  const absent = (forbidden?: string) => {
    handlers.onServed(undefined, forbidden);
    handlers.onList([]);
    handlers.onSync(true);
    resolveReady();
    timer = setTimeout(probe, NOT_SERVED_RECHECK_MS);
    timer.unref?.();
  };

  const probe = async () => {
    if (stopped || probing) return;
    probing = true;
    try {
      const served = await servedVersion(kc, type, options.namespace);
      if (stopped) return;
      backoff = 250;
      if (!served) return absent();
      handlers.onServed(served);
      inner = startInformer(kc, served, { ...handlers, onSync: innerSync }, options);
      inner.ready.then(resolveReady, () => {});
    } catch (error) {
      if (stopped) return;
      // A credential without rights to this API (an older chart, a Role in some namespaces).
      if (toMeshError(error).code === 'Forbidden') return absent(toMeshError(error).message);
      handlers.onSync(false, toMeshError(error).message);
      timer = setTimeout(probe, backoff);
      backoff = Math.min(backoff * 2, 2_000);
    } finally {
      probing = false;
    }
  };

  // The watch failing may mean the CRD was removed (or its version dropped): asked once per
  // run of failures; when none of the versions is served any more, back to probing.
  let checking = false;
  const innerSync = (synced: boolean, message?: string, stale?: boolean, code?: string) => {
    handlers.onSync(synced, message, stale, code);
    if (synced || stale || checking || !inner) return;
    checking = true;
    const running = inner;
    servedVersion(kc, type, options.namespace)
      .then((served) => {
        if (served || stopped || inner !== running) return;
        running.stop();
        inner = undefined;
        absent();
      })
      .catch(() => {})
      .finally(() => {
        checking = false;
      });
  };

  void probe();
  return {
    ready,
    relist() {
      if (stopped) return;
      if (inner) return inner.relist();
      clearTimeout(timer);
      void probe();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      inner?.stop();
    },
  };
}

/**
 * The first of `type.versions` the API server serves the kind in, or undefined when it serves
 * none of them (each answers 404: the CRD is absent, or too old or too new for Weir).
 */
export async function servedVersion<K extends string>(
  kc: KubeConfig,
  type: ResourceType<K>,
  namespace?: string,
): Promise<ResourceType<K> | undefined> {
  for (const version of type.versions ?? [type.version]) {
    const candidate = { ...type, version };
    const { path, fieldSelector } = informerScope(candidate, namespace);
    try {
      await kubeRequest(kc, { method: 'GET', path, query: { limit: '1', fieldSelector } });
      return candidate;
    } catch (error) {
      if (toMeshError(error).code !== 'NotFound') throw error;
    }
  }
  return undefined;
}
