import 'server-only';
import { parseObjectKey } from '../mesh/object-key';
import type { ObjectKey } from '../mesh/types';
import type { MeshStore, StoreEvent } from '../store/types';
import type { Viewer } from './auth/viewer';
import { eventFilter } from './auth/visibility';
import { countEventDelivered } from './metrics';
import { sseResponse, sseStream } from './sse';
import { trafficFeed } from './traffic/traffic-answer';

/** What may wait for one browser before it is let go (it reconnects and resumes from its last id). */
const MAX_QUEUED_BYTES = 8 * 1024 * 1024;

/**
 * Whether an event may go to this browser (the person's list permissions), or the event as
 * it goes to them (a sync status without what they may not read); absent: all may.
 */
export type EventFilter = (event: StoreEvent) => Promise<boolean | StoreEvent> | boolean | StoreEvent;

const encoder = new TextEncoder();
// Every browser gets the same bytes for an event: encoded once, whoever asks first.
const encoded = new WeakMap<StoreEvent, Uint8Array>();

function encode(event: StoreEvent): Uint8Array {
  let bytes = encoded.get(event);
  if (!bytes) {
    bytes = encoder.encode(`id: ${event.sequence}\ndata: ${JSON.stringify(event)}\n\n`);
    encoded.set(event, bytes);
  }
  return bytes;
}

/**
 * The SSE body for one browser: the backlog after `after`, then live events, until it goes.
 * With a filter, events the person may not see are left out; the order of the rest is kept.
 * With `namespaces`, only events on what a view of them holds (MeshStore.viewScope) go out;
 * when the view comes to hold an object it did not (a route to another namespace), the
 * browser gets `reset` and reloads its snapshot. A browser that reads too slowly is let go
 * rather than kept in memory; it reconnects with Last-Event-ID.
 */
export function eventStream(
  store: MeshStore,
  after: number,
  signal: AbortSignal,
  filter?: EventFilter,
  namespaces?: readonly string[],
  feed?: (send: (text: string) => void) => () => void,
): ReadableStream<Uint8Array> {
  return sseStream(signal, MAX_QUEUED_BYTES, (channel) => {
    const reset = () =>
      channel.text(`event: reset\ndata: ${JSON.stringify({ sequence: store.sequence() })}\n\n`);
    const inView = namespaces && namespaces.length > 0 ? viewTracker(store, namespaces) : undefined;
    const write = (event: StoreEvent) => {
      const verdict = inView ? inView(event) : 'send';
      if (verdict === 'send') {
        channel.send(encode(event));
        countEventDelivered();
      } else if (verdict === 'reset') reset();
    };
    // Filtered events go through one chain, so an answer that takes a review to find
    // never lets a later event overtake it.
    let chain = Promise.resolve();
    const sendEvent = filter
      ? (event: StoreEvent) => {
          chain = chain.then(async () => {
            const verdict = await Promise.resolve(filter(event)).catch(() => false);
            if (verdict === true) write(event);
            else if (verdict) write(verdict);
          });
        }
      : write;
    // Subscribe before reading the backlog so no event falls between the two.
    const queued: StoreEvent[] = [];
    let live = false;
    const unsubscribe = store.subscribe((event) => (live ? sendEvent(event) : queued.push(event)));
    const backlog = store.eventsSince(after);
    if (backlog === undefined) reset();
    else for (const event of backlog) sendEvent(event);
    const last = backlog?.at(-1)?.sequence ?? after;
    for (const event of queued) if (event.sequence > last) sendEvent(event);
    live = true;
    // Messages beside the store's events (live traffic), named and without an id.
    const unfeed = feed ? feed(channel.text) : () => {};
    return () => {
      unsubscribe();
      unfeed();
    };
  });
}

/**
 * For a view of some namespaces: whether an event goes out ('send'), is not the view's
 * ('skip'), or brings objects into the view the browser does not hold ('reset'). An event
 * on an object the view held a moment ago goes out too, so a route that stops reaching the
 * view is seen to stop.
 */
function viewTracker(
  store: MeshStore,
  namespaces: readonly string[],
): (event: StoreEvent) => 'send' | 'skip' | 'reset' {
  let held = store.viewScope(namespaces);
  return (event) => {
    if (event.type === 'sync') return 'send';
    const now = store.viewScope(namespaces);
    const before = held;
    held = now;
    if (now !== before && [...now].some((key) => !before.has(key) && key !== event.key)) return 'reset';
    return now.has(event.key) || before.has(event.key as ObjectKey) ? 'send' : 'skip';
  };
}

// The namespaces a view of `namespaces` holds objects in (its own, and those its routes reach).
const heldNamespaces = new WeakMap<ReadonlySet<ObjectKey>, ReadonlySet<string>>();
function viewNamespacesHeld(store: MeshStore, namespaces: readonly string[]): ReadonlySet<string> {
  const scope = store.viewScope(namespaces);
  let held = heldNamespaces.get(scope);
  if (!held) {
    held = new Set([...namespaces, ...[...scope].map((key) => parseObjectKey(key).namespace)]);
    heldNamespaces.set(scope, held);
  }
  return held;
}

/**
 * GET /api/events for one person: every event after the browser's `Last-Event-ID` (on a
 * reconnect) or `?after=` (the sequence of the snapshot it holds), that the person may see;
 * with `namespaces` (some), only those a view of them holds. Without either, from now on.
 */
export function eventsResponse(viewer: Viewer, request: Request, namespaces: readonly string[]): Response {
  const { store } = viewer.handle;
  const from = request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('after');
  const after = from === null ? store.sequence() : Number(from);
  const body = eventStream(
    store,
    Number.isFinite(after) ? after : -1,
    request.signal,
    eventFilter(viewer.visibility),
    namespaces,
    trafficFeed(
      viewer.visibility,
      namespaces.length > 0 ? () => viewNamespacesHeld(store, namespaces) : undefined,
    ),
  );
  return sseResponse(body);
}
