import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';
import { assertObjectNames } from '../mesh/object-names';
import { countWatchRelist, countWatchRestart } from '../server/metrics';
import { kubeRequest } from './request';
import { collectionPath, type ResourceType } from './resources';
import { toMeshError } from './status-error';
import { openWatch } from './watch-stream';

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
  /**
   * Whether the informer is current; `error` says why not. `stale`: the watch is open but
   * has heard nothing (no event, no bookmark) within its deadline — a hung API server.
   * `code`: the failure's Weir error code (`Forbidden`, `NotFound`, `Unavailable` …).
   */
  onSync(synced: boolean, error?: string, stale?: boolean, code?: string): void;
}

export interface InformerOptions {
  /**
   * The watch's liveness deadline: with no event, bookmark or new watch within it, the data is
   * stale and the watch is abandoned and opened again.
   */
  deadlineMs?: number;
  /** Only this namespace (see informerScope); absent: across the cluster. */
  namespace?: string;
  /**
   * Read the full list as the first events of a watch (a streaming list; default true) rather
   * than in pages; false: in pages always (tests of the paged list).
   */
  streamList?: boolean;
}

/** The default liveness deadline (WEIR_WATCH_DEADLINE_SECONDS). */
export const WATCH_DEADLINE_MS = 30_000;

export interface Informer {
  /** Resolves after the first full list, or rejects with why it could not be made. */
  ready: Promise<void>;
  /** Lists again at once, then watches from there (the config now points somewhere else). */
  relist(): void;
  stop(): void;
}

interface ListResponse {
  items?: RawObject[];
  metadata?: { resourceVersion?: string; continue?: string };
}

const MAX_BACKOFF_MS = 2_000;
/**
 * Objects per list page: few round trips for a large mesh, a bounded answer each. Pages of
 * 2,000 were up to 4 MB of text each, and at 10,000 VirtualServices Weir's RSS when synced was
 * 447-484 MB; with 500 it is 332-351 MB, for the same CPU time and time to sync within the
 * noise (250 lowered the store's peak no further and costs round trips).
 */
export const PAGE_SIZE = 500;

/** Streams in a row that may fail before their list was whole before the list is read in pages. */
const MAX_STREAM_FAILURES = 3;

/** The annotation of the bookmark that ends a streaming list's initial events. */
const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

/**
 * Where one informer lists and watches: a kind across the cluster, or within one namespace
 * (for a namespaced kind, its objects there; for Namespace, that Namespace object alone, by a
 * `metadata.name` field selector, which RBAC authorises against a rule's resourceNames).
 */
export function informerScope(
  type: ResourceType<string>,
  namespace?: string,
): { path: string; fieldSelector?: string } {
  if (type.only) {
    assertObjectNames(type.only);
    return {
      path: collectionPath(type, type.only.namespace),
      fieldSelector: `metadata.name=${type.only.name}`,
    };
  }
  if (!namespace || type.namespaced) return { path: collectionPath(type, namespace) };
  assertObjectNames({ namespace });
  return { path: collectionPath(type), fieldSelector: `metadata.name=${namespace}` };
}

/**
 * List, then watch from the list's resourceVersion with bookmarks, for one kind (across the
 * cluster, or in one namespace: see informerScope); the list is streamed as the watch's first
 * events where the API server can (see run), in pages otherwise. A watch that ends is resumed from the last version seen; `410 Gone` (history compacted) re-lists. While
 * the API server cannot be reached it retries with backoff and reports itself out of sync.
 *
 * Liveness: each watch asks the API server to end it after half the deadline (it sends a
 * bookmark just before), so a healthy server is heard from well within the deadline even when
 * nothing changes. Silence past the deadline means a hung server (stopped, its port still
 * open): the informer says it is stale and opens the watch again until it is answered.
 */
export function startInformer<T>(
  kc: KubeConfig,
  type: ResourceType<string>,
  handlers: InformerHandlers<T>,
  { deadlineMs = WATCH_DEADLINE_MS, namespace, streamList = true }: InformerOptions = {},
): Informer {
  const { path, fieldSelector } = informerScope(type, namespace);
  const apiVersion = type.group ? `${type.group}/${type.version}` : type.version;
  const watchSeconds = Math.max(1, Math.floor(deadlineMs / 2_000));
  let resourceVersion = '';
  // Whether to list by streaming (see run): until the API server refuses it, or a stream ends
  // before its list was whole (its timeout came first); in pages from then on.
  let streaming = streamList;
  // Streams in a row that failed before their list was whole (after a few, pages: see onEnd).
  let streamFailures = 0;
  let stopped = false;
  let current: { abort(): void } | undefined;
  let backoff = 250;
  let listed = 0;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;
  let liveness: NodeJS.Timeout | undefined;
  let resolveReady: () => void;
  let rejectReady: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => {});

  // `which`: the run this list belongs to. A list still running when a relist (or stop) began
  // must not put the old server's objects and version back.
  const list = async (which: number) => {
    const items: T[] = [];
    let next: string | undefined;
    let version = '';
    do {
      const page = await kubeRequest<ListResponse>(kc, {
        method: 'GET',
        path,
        query: { limit: String(PAGE_SIZE), continue: next, fieldSelector },
      });
      // Items of a list of built-in kinds carry no apiVersion or kind of their own.
      for (const item of page.items ?? []) {
        const kept = handlers.read({ ...item, apiVersion: item.apiVersion ?? apiVersion, kind: type.kind });
        if (kept !== undefined) items.push(kept);
      }
      next = page.metadata?.continue || undefined;
      version = page.metadata?.resourceVersion ?? version;
    } while (next);
    if (stopped || which !== attempt) return;
    resourceVersion = version;
    if (listed++ > 0) countWatchRelist(type.kind);
    handlers.onList(items);
  };

  const again = (delayMs: number) => {
    if (stopped) return;
    clearTimeout(liveness);
    timer = setTimeout(run, delayMs);
  };

  const retry = (error: unknown) => {
    if (stopped) return;
    const { message: reason, code } = toMeshError(error);
    // Restarts after a failure or silence; not the planned renewals every half deadline.
    countWatchRestart(type.kind);
    handlers.onSync(false, reason, false, code);
    rejectReady(new Error(reason));
    again(backoff);
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  };

  // Heard from the API server: the deadline starts again.
  const heard = (which: number) => {
    if (which !== attempt || stopped) return;
    clearTimeout(liveness);
    liveness = setTimeout(() => silent(which), deadlineMs);
  };

  const silent = (which: number) => {
    if (which !== attempt || stopped) return;
    current?.abort();
    current = undefined;
    attempt++;
    const reason = `the Kubernetes API has sent nothing (no event, no bookmark) for ${deadlineMs / 1000} s: it may be hung; the data shown may be out of date`;
    countWatchRestart(type.kind);
    handlers.onSync(false, reason, true);
    rejectReady(new Error(reason));
    again(0);
  };

  const synced = () => {
    backoff = 250;
    handlers.onSync(true);
    resolveReady();
  };

  // Without a version to watch from, the list is read as the watch's first events when the API
  // server can (a streaming list, `sendInitialEvents`; Kubernetes' WatchList, on by default
  // since 1.32): every object as an ADDED event from its watch cache, then a bookmark annotated
  // `k8s.io/initial-events-end` with the version of that consistent list, then the watch goes on
  // from there. One request instead of a page after another (20,000 pods were 41 pages, the
  // longest wait of a start at 10,000 VirtualServices), one object parsed at a time.
  const run = async () => {
    if (stopped) return;
    const which = ++attempt;
    try {
      if (!resourceVersion && !streaming) await list(which);
      if (stopped || which !== attempt) return;
      // The streamed list so far; undefined once whole (or when listed in pages).
      let initial: T[] | undefined = resourceVersion ? undefined : [];
      // An ERROR event of this watch (a Status): the API server then ends it cleanly.
      let failed: { code?: number; message?: string } | undefined;
      const watchedSince = Date.now();
      heard(which);
      const opened = await openWatch(
        kc,
        path,
        {
          // A consistent list: what exists when the request is served, or newer.
          ...(initial
            ? { sendInitialEvents: 'true', resourceVersionMatch: 'NotOlderThan' }
            : { resourceVersion }),
          allowWatchBookmarks: 'true',
          timeoutSeconds: String(watchSeconds),
          ...(fieldSelector && { fieldSelector }),
        },
        {
          onOpen() {
            if (which !== attempt || stopped) return;
            heard(which);
            if (!initial) synced();
          },
          onEvent(phase, value) {
            if (which !== attempt || stopped) return;
            heard(which);
            const object = (value ?? {}) as RawObject;
            if (initial && phase !== 'BOOKMARK' && phase !== 'ERROR') {
              // Only ADDED belongs in a streaming list before its end; anything else would
              // move the version mid-list (a resumed watch would then never list).
              if (phase !== 'ADDED') return;
              const kept = handlers.read({
                ...object,
                apiVersion: object.apiVersion ?? apiVersion,
                kind: type.kind,
              });
              if (kept !== undefined) initial.push(kept);
            } else if (phase === 'BOOKMARK') {
              // Before the list is whole, no version is kept: a watch resumed from it would
              // never hear of the objects not yet sent.
              const annotations = (object.metadata as { annotations?: Record<string, string> } | undefined)
                ?.annotations;
              if (initial && annotations?.[INITIAL_EVENTS_END] !== 'true') return;
              resourceVersion = object.metadata?.resourceVersion ?? resourceVersion;
              if (!initial) return;
              const items = initial;
              initial = undefined;
              if (listed++ > 0) countWatchRelist(type.kind);
              streamFailures = 0;
              handlers.onList(items);
              synced();
            } else if (phase === 'ERROR') {
              // A watch error is a Status. 410: our version is too old; 504: too new for this
              // API server (a cluster made again behind the same address): list again.
              failed = object as { code?: number; message?: string };
              if (failed.code === 410 || failed.code === 504) resourceVersion = '';
            } else if (phase === 'ADDED' || phase === 'MODIFIED' || phase === 'DELETED') {
              resourceVersion = object.metadata?.resourceVersion ?? resourceVersion;
              const kept = handlers.read({ ...object, kind: type.kind });
              if (kept !== undefined) handlers.onEvent(phase, kept);
            }
          },
          onEnd(error) {
            if (which !== attempt || stopped) return;
            current = undefined;
            if (initial) {
              const status =
                (error as { details?: { status?: number } } | undefined)?.details?.status ?? failed?.code;
              // Refused (an API server without streaming lists says 400 or 422 Invalid), ended
              // cleanly before the list was whole (its timeout came first: the list is too slow
              // to stream), or failed a few times in a row: in pages from now on, at once.
              const refused = status === 400 || status === 422;
              if (refused || (!error && !failed) || ++streamFailures >= MAX_STREAM_FAILURES) {
                streaming = false;
                again(0);
                return;
              }
              // Failed midway (a reset, an ERROR such as a consistent read that timed out):
              // streamed again, with backoff.
              retry(error ?? new Error(failed?.message ?? 'the streaming list ended with an error'));
              return;
            }
            if ((error as { details?: { status?: number } } | undefined)?.details?.status === 410)
              resourceVersion = '';
            if (error) retry(error);
            // A watch the server ends at once is not a reason to spin: wait a little.
            else again(Date.now() - watchedSince < 500 ? backoff : 0);
          },
        },
      );
      // A relist, a silence or stop() may have come while the watch was opening (a credential
      // plugin, a slow server): that watch belongs to no run now, so it is closed, not kept.
      if (stopped || which !== attempt) {
        opened.abort();
        return;
      }
      current = opened;
    } catch (error) {
      if (which !== attempt) return;
      if ((error as { details?: { status?: number } }).details?.status === 410) resourceVersion = '';
      retry(error);
    }
  };

  void run();
  return {
    ready,
    relist() {
      if (stopped) return;
      resourceVersion = '';
      streaming = streamList;
      streamFailures = 0;
      current?.abort();
      current = undefined;
      attempt++;
      clearTimeout(timer);
      backoff = 250;
      again(0);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(liveness);
      current?.abort();
    },
  };
}
