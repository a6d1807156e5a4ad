import 'server-only';
import { type KubeConfig, Watch } from '@kubernetes/client-node';
import { countWatchRelist, countWatchRestart } from '../server/metrics';
import { kubeRequest } from './request';
import { collectionPath, type ResourceType } from './resources';
import { toMeshError } from './status-error';

export interface RawObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; resourceVersion?: string };
  [key: string]: unknown;
}

export interface InformerHandlers<T = RawObject> {
  /**
   * What is kept of each object, read as it arrives (a list page at a time, so a large list
   * is never held whole as the API server sent it); undefined drops it.
   */
  read(raw: RawObject): T | undefined;
  /** A full list: everything of this kind that exists now (what is not in it is gone). */
  onList(items: T[]): void;
  onEvent(type: 'ADDED' | 'MODIFIED' | 'DELETED', object: T): void;
  /** Whether the informer is current; `error` says why not. */
  onSync(synced: boolean, error?: string): void;
}

export interface Informer {
  /** Resolves after the first full list, or rejects with why it could not be made. */
  ready: Promise<void>;
  stop(): void;
}

interface ListResponse {
  items?: RawObject[];
  metadata?: { resourceVersion?: string; continue?: string };
}

const MAX_BACKOFF_MS = 2_000;
/** Objects per list page: few round trips for a large mesh, a bounded answer each. */
const PAGE_SIZE = '2000';

/**
 * List, then watch from the list's resourceVersion with bookmarks, for one kind. A watch that
 * ends is resumed from the last version seen; `410 Gone` (history compacted) re-lists. While
 * the API server cannot be reached it retries with backoff and reports itself out of sync.
 */
export function startInformer<T>(
  kc: KubeConfig,
  type: ResourceType,
  handlers: InformerHandlers<T>,
): Informer {
  const watch = new Watch(kc);
  const path = collectionPath(type);
  const apiVersion = type.group ? `${type.group}/${type.version}` : type.version;
  let resourceVersion = '';
  let stopped = false;
  let controller: AbortController | undefined;
  let backoff = 250;
  let listed = 0;
  let runs = 0;
  let timer: NodeJS.Timeout | undefined;
  let resolveReady: () => void;
  let rejectReady: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => {});

  const list = async () => {
    const items: T[] = [];
    let next: string | undefined;
    let version = '';
    do {
      const page = await kubeRequest<ListResponse>(kc, {
        method: 'GET',
        path,
        query: { limit: PAGE_SIZE, continue: next },
      });
      // Items of a list of built-in kinds carry no apiVersion or kind of their own.
      for (const item of page.items ?? []) {
        const kept = handlers.read({ ...item, apiVersion: item.apiVersion ?? apiVersion, kind: type.kind });
        if (kept !== undefined) items.push(kept);
      }
      next = page.metadata?.continue || undefined;
      version = page.metadata?.resourceVersion ?? version;
    } while (next);
    resourceVersion = version;
    if (listed++ > 0) countWatchRelist(type.kind);
    handlers.onList(items);
  };

  const retry = (error: unknown) => {
    if (stopped) return;
    const reason = toMeshError(error).message;
    handlers.onSync(false, reason);
    rejectReady(new Error(reason));
    timer = setTimeout(run, backoff);
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  };

  const run = async () => {
    if (stopped) return;
    if (runs++ > 0) countWatchRestart(type.kind);
    try {
      if (!resourceVersion) await list();
      let failed = false;
      const watchedSince = Date.now();
      controller = await watch.watch(
        path,
        { resourceVersion, allowWatchBookmarks: true, timeoutSeconds: 300 },
        (phase: string, object: RawObject) => {
          if (phase === 'BOOKMARK') {
            resourceVersion = object.metadata?.resourceVersion ?? resourceVersion;
          } else if (phase === 'ERROR') {
            // A watch error is a Status; 410 means our version is too old: list again.
            if ((object as { code?: number }).code === 410) resourceVersion = '';
          } else if (phase === 'ADDED' || phase === 'MODIFIED' || phase === 'DELETED') {
            resourceVersion = object.metadata?.resourceVersion ?? resourceVersion;
            const kept = handlers.read({ ...object, kind: type.kind });
            if (kept !== undefined) handlers.onEvent(phase, kept);
          }
        },
        (error: unknown) => {
          failed = true;
          controller = undefined;
          if (stopped) return;
          if ((error as { statusCode?: number } | null)?.statusCode === 410) resourceVersion = '';
          if (error) retry(error);
          // A watch the server ends at once is not a reason to spin: wait a little.
          else timer = setTimeout(run, Date.now() - watchedSince < 1_000 ? backoff : 0);
        },
      );
      if (!failed) {
        backoff = 250;
        handlers.onSync(true);
        resolveReady();
      }
    } catch (error) {
      if ((error as { details?: { status?: number } }).details?.status === 410) resourceVersion = '';
      retry(error);
    }
  };

  void run();
  return {
    ready,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      controller?.abort();
    },
  };
}
