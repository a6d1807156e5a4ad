import 'server-only';
import { KubeConfig } from '@kubernetes/client-node';

export type { KubeConfig };

// client-node's user config can impersonate a user but not groups; kubeRequest adds the
// Impersonate-Group headers for configs made here.
const impersonatedGroups = new WeakMap<KubeConfig, string[]>();

/** The groups a config made by kubeConfigFor impersonates (none for any other config). */
export function impersonatedGroupsOf(kc: KubeConfig): string[] {
  return impersonatedGroups.get(kc) ?? [];
}

export interface KubeConfigOptions {
  /** A kubeconfig file (or several, `:`-separated, as kubectl reads them). */
  kubeconfig?: string;
  context?: string;
  /** An explicit API server and bearer token, instead of a kubeconfig. */
  server?: { url: string; token: string; caFile?: string };
}

/** Creates the one KubeConfig Weir uses: explicit server, kubeconfig file(s), or in-cluster. */
export function loadKubeConfig(options: KubeConfigOptions = {}): KubeConfig {
  const kc = new KubeConfig();
  if (options.server) {
    kc.loadFromOptions({
      clusters: [
        { name: 'weir', server: options.server.url, caFile: options.server.caFile, skipTLSVerify: false },
      ],
      users: [{ name: 'weir', token: options.server.token }],
      contexts: [{ name: 'weir', cluster: 'weir', user: 'weir' }],
      currentContext: 'weir',
    });
    return kc;
  }
  if (options.kubeconfig) {
    const files = options.kubeconfig.split(':').filter(Boolean);
    if (files.length === 1 && files[0]) kc.loadFromFile(files[0]);
    else kc.loadFromDefault({}, false);
  } else {
    kc.loadFromDefault();
  }
  if (options.context) kc.setCurrentContext(options.context);
  return kc;
}

/** The same cluster as `base`, but authenticated as another person (their token or impersonation). */
export function kubeConfigFor(
  base: KubeConfig,
  actor: { token?: string; impersonate?: { user: string; groups?: string[] } },
): KubeConfig {
  const cluster = base.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const baseUser = base.getCurrentUser();
  const user = actor.token
    ? { name: 'actor', token: actor.token }
    : {
        ...(baseUser ?? { name: 'actor' }),
        name: 'actor',
        impersonateUser: actor.impersonate?.user,
      };
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [cluster],
    users: [user],
    contexts: [{ name: 'actor', cluster: cluster.name, user: 'actor' }],
    currentContext: 'actor',
  });
  if (!actor.token && actor.impersonate?.groups?.length) impersonatedGroups.set(kc, actor.impersonate.groups);
  return kc;
}

/** A short description of where the config points, for the screen. */
export function describeKubeConfig(kc: KubeConfig): string {
  const context = kc.getCurrentContext();
  const server = kc.getCurrentCluster()?.server ?? 'no server';
  return context ? `${context} (${server})` : server;
}
