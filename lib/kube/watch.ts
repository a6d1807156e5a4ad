import 'server-only';
import { type KubeConfig, Watch } from '@kubernetes/client-node';

export type { KubeConfig };

/**
 * Watches a collection path and calls `onEvent` for each event, until the returned function
 * is called. For tests and benchmarks; the store's informer adds listing and resuming.
 */
export async function watchPath<T>(
  kc: KubeConfig,
  path: string,
  query: Record<string, string>,
  onEvent: (phase: string, object: T) => void,
): Promise<() => void> {
  const controller = await new Watch(kc).watch(path, query, onEvent, () => {});
  return () => controller.abort();
}
