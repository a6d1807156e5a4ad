import 'server-only';
import { loadKubeConfig } from '../kube/kube-config';
import { createDemoStore, createFilesStore } from '../store/files';
import { createKubeStore } from '../store/kube/kube-store';
import type { MeshStore } from '../store/types';
import { readConfig } from './config';
import { VersionHistory } from './version-history';

export interface StoreHandle {
  store: MeshStore;
  versions: VersionHistory;
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

async function openStore(): Promise<StoreHandle> {
  const config = readConfig();
  const store = config.manifests
    ? createFilesStore({ folder: config.manifests })
    : config.kubeconfig || config.context || config.inCluster
      ? createKubeStore({ kc: loadKubeConfig({ kubeconfig: config.kubeconfig, context: config.context }) })
      : createDemoStore();
  await store.start();
  return { store, versions: new VersionHistory(store) };
}
