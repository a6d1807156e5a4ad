import 'server-only';
import { type ControllerWatch, watchControllers } from '../kube/controller-watch';
import { type KubeConfig, loadKubeConfig } from '../kube/kube-config';
import type { MeshConfigPlace } from '../mesh/types';
import { createDemoStore, createFilesStore } from '../store/files';
import { createKubeStore } from '../store/kube/kube-store';
import type { MeshStore } from '../store/types';
import { readConfig } from './config';
import { createFileHistory } from './history/file-history';
import { createKubeHistory } from './history/kube-history';
import { HistoryRecorder } from './history/recorder';
import { RecentVersions } from './recent-versions';

export interface StoreHandle {
  store: MeshStore;
  versions: RecentVersions;
  /** Weir's own cluster credential (kube backend): access reviews, history, controllers. */
  kube?: KubeConfig;
  /**
   * Watches of Argo Rollouts and Flagger Canaries (kube backend): the lock check reads what
   * they hold; absent (a test's handle), it lists them.
   */
  controllers?: ControllerWatch;
  /** Records every change (absent where a test builds a handle without one). */
  history?: HistoryRecorder;
  /** The namespaces Weir is limited to (WEIR_NAMESPACES, kube backend only); absent: all. */
  namespaces?: readonly string[];
  /** Where the mesh config is read (a cluster or a folder; absent, the demo: istio-system/istio). */
  meshConfig?: MeshConfigPlace;
}

// One store per server process; kept on globalThis so Next's dev reloads do not start another.
const holder = globalThis as { __weirStore?: Promise<StoreHandle> };

/**
 * The store Weir serves: a folder when WEIR_MANIFESTS is set, a cluster when a kubeconfig,
 * a context or the in-cluster service account is given, else a working copy of the demo.
 */
export function getStore(): Promise<StoreHandle> {
  holder.__weirStore ??= openStore().catch((error) => {
    holder.__weirStore = undefined;
    throw error;
  });
  return holder.__weirStore;
}

/** Stops the process's store and forgets it (tests that open Weir's routes in-process). */
export async function closeStore(): Promise<void> {
  const handle = await holder.__weirStore?.catch(() => undefined);
  holder.__weirStore = undefined;
  handle?.history?.stop();
  handle?.controllers?.stop();
  await handle?.store.stop();
}

async function openStore(): Promise<StoreHandle> {
  const config = readConfig();
  const kube =
    !config.manifests && (config.kubeconfig || config.context || config.inCluster)
      ? loadKubeConfig({ kubeconfig: config.kubeconfig, context: config.context })
      : undefined;
  const store = config.manifests
    ? createFilesStore({ folder: config.manifests, meshConfig: config.meshConfig })
    : kube
      ? createKubeStore({
          kc: kube,
          watchDeadlineMs: config.watchDeadlineMs,
          namespaces: config.namespaces,
          meshConfig: config.meshConfig,
        })
      : createDemoStore();
  await store.start();
  const history = kube
    ? new HistoryRecorder(store, createKubeHistory(kube, config.namespaces), 'kube')
    : new HistoryRecorder(store, createFileHistory(store.syncStatus().source), 'files');
  history.start();
  const namespaces = kube ? config.namespaces : undefined;
  const controllers = kube
    ? watchControllers(kube, config.namespaces, { deadlineMs: config.watchDeadlineMs })
    : undefined;
  return {
    store,
    versions: new RecentVersions(store),
    kube,
    ...(controllers && { controllers }),
    history,
    ...(namespaces && { namespaces }),
    ...((kube || config.manifests) && { meshConfig: config.meshConfig }),
  };
}
