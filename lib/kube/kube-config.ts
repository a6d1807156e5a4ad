import 'server-only';
import { readFileSync } from 'node:fs';
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

// Where each config made by loadKubeConfig came from, so that it can be read again.
const sources = new WeakMap<KubeConfig, KubeConfigOptions>();
// Who follows each config to wherever a re-read of it points (onKubeConfigMoved).
const followers = new WeakMap<KubeConfig, Set<() => void>>();

/** Creates the one KubeConfig Weir uses: explicit server, kubeconfig file(s), or in-cluster. */
export function loadKubeConfig(options: KubeConfigOptions = {}): KubeConfig {
  const kc = new KubeConfig();
  fill(kc, options);
  sources.set(kc, options);
  return kc;
}

/**
 * Reads a config made by loadKubeConfig again from where it came from, into the same object,
 * so that everything holding it (the watches, history, access reviews) follows a cluster that
 * came back on another address or with another certificate. Answers whether where it points
 * (server, CA, credential) changed; a file that cannot be read throws and changes nothing.
 */
export function reloadKubeConfig(kc: KubeConfig): boolean {
  const options = sources.get(kc);
  if (!options || options.server) return false;
  const fresh = new KubeConfig();
  fill(fresh, options);
  const before = pointsAt(kc);
  kc.loadFromOptions({
    clusters: fresh.clusters,
    users: fresh.users,
    contexts: fresh.contexts,
    currentContext: fresh.currentContext,
  });
  const moved = pointsAt(kc) !== before;
  if (moved)
    for (const follower of [...(followers.get(kc) ?? [])]) {
      // One follower's failure must not keep the others (the store's own relist) from following.
      try {
        follower();
      } catch (error) {
        console.error('weir: a holder of the kubeconfig could not follow it to its new cluster:', error);
      }
    }
  return moved;
}

/**
 * Calls `moved` each time reloadKubeConfig finds `kc` pointing somewhere else, before it
 * returns: what a holder of the config kept from the old cluster (a watch's objects and
 * version) is then no longer true. Answers a function that stops following.
 */
export function onKubeConfigMoved(kc: KubeConfig, moved: () => void): () => void {
  let held = followers.get(kc);
  if (!held) {
    held = new Set();
    followers.set(kc, held);
  }
  const follower = () => moved();
  held.add(follower);
  return () => held.delete(follower);
}

/** The server, CA (its content, not only its path) and credential the current context uses. */
function pointsAt(kc: KubeConfig): string {
  const cluster = kc.getCurrentCluster();
  let ca = cluster?.caData ?? '';
  try {
    if (cluster?.caFile) ca += readFileSync(cluster.caFile, 'utf8');
  } catch {
    ca += '(unreadable)';
  }
  return JSON.stringify([cluster?.server, ca, kc.getCurrentUser()]);
}

function fill(kc: KubeConfig, options: KubeConfigOptions): void {
  if (options.server) {
    kc.loadFromOptions({
      clusters: [
        { name: 'weir', server: options.server.url, caFile: options.server.caFile, skipTLSVerify: false },
      ],
      users: [{ name: 'weir', token: options.server.token }],
      contexts: [{ name: 'weir', cluster: 'weir', user: 'weir' }],
      currentContext: 'weir',
    });
    return;
  }
  if (options.kubeconfig) {
    const files = options.kubeconfig.split(':').filter(Boolean);
    if (files.length === 1 && files[0]) kc.loadFromFile(files[0]);
    else kc.loadFromDefault({}, false);
  } else {
    kc.loadFromDefault();
  }
  if (options.context) kc.setCurrentContext(options.context);
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
