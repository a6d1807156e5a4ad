import 'server-only';
import { assertApiServerReady } from '../kube/api-server-ready';
import { isDraining } from './lifecycle';
import { getStore, type StoreHandle } from './store';

export interface Readiness {
  ready: boolean;
  /** Why not, in a sentence. */
  reason?: string;
}

const PROBE_TIMEOUT_MS = 2_000;
/** How long one answer about the API server is reused: probes from several kubelets, one request. */
const REUSE_MS = 1_000;

const reachability = globalThis as {
  __weirApiReachable?: { at: number; answer: Promise<string | undefined> };
};

/**
 * Whether this replica should get traffic: not shutting down, its store open and synced (a
 * stale watch cache is not ready), and, on a cluster, the API server answering.
 */
export async function readiness(): Promise<Readiness> {
  if (isDraining()) return { ready: false, reason: 'shutting down' };
  let handle: StoreHandle | undefined;
  try {
    handle = await withTimeout(getStore(), PROBE_TIMEOUT_MS);
  } catch (error) {
    return {
      ready: false,
      reason: `store not open: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (!handle) return { ready: false, reason: 'store still opening (first list under way)' };
  const sync = handle.store.syncStatus();
  if (!sync.synced)
    return {
      ready: false,
      reason: `not synced since ${sync.syncedAt}${sync.error ? `: ${sync.error}` : ''}`,
    };
  const unreachable = await apiServerProblem(handle);
  return unreachable ? { ready: false, reason: unreachable } : { ready: true };
}

function apiServerProblem(handle: StoreHandle): Promise<string | undefined> {
  if (!handle.kube) return Promise.resolve(undefined);
  const kube = handle.kube;
  const cached = reachability.__weirApiReachable;
  if (cached && Date.now() - cached.at < REUSE_MS) return cached.answer;
  const answer = assertApiServerReady(kube, PROBE_TIMEOUT_MS).then(
    () => undefined,
    (error: unknown) => `API server not reachable: ${error instanceof Error ? error.message : String(error)}`,
  );
  reachability.__weirApiReachable = { at: Date.now(), answer };
  return answer;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([
    work,
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref?.()),
  ]);
}
