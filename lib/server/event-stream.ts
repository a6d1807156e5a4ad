import 'server-only';
import type { MeshStore, StoreEvent } from '../store/types';

const HEARTBEAT_MS = 15_000;

/** Whether an event may go to this browser (the person's list permissions); absent: all may. */
export type EventFilter = (event: StoreEvent) => Promise<boolean> | boolean;

/**
 * The SSE body for one browser: the backlog after `after`, then live events, until it goes.
 * With a filter, events the person may not see are left out; the order of the rest is kept.
 */
export function eventStream(
  store: MeshStore,
  after: number,
  signal: AbortSignal,
  filter?: EventFilter,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const write = (event: StoreEvent) => send(`id: ${event.sequence}\ndata: ${JSON.stringify(event)}\n\n`);
      // Filtered events go through one chain, so an answer that takes a review to find
      // never lets a later event overtake it.
      let chain = Promise.resolve();
      const sendEvent = filter
        ? (event: StoreEvent) => {
            chain = chain.then(async () => {
              if (await Promise.resolve(filter(event)).catch(() => false)) write(event);
            });
          }
        : write;
      send('retry: 1000\n\n');
      // Subscribe before reading the backlog so no event falls between the two.
      const queued: StoreEvent[] = [];
      let live = false;
      const unsubscribe = store.subscribe((event) => (live ? sendEvent(event) : queued.push(event)));
      const backlog = store.eventsSince(after);
      if (backlog === undefined) {
        send(`event: reset\ndata: ${JSON.stringify({ sequence: store.snapshot().sequence })}\n\n`);
      } else {
        for (const event of backlog) sendEvent(event);
      }
      const last = backlog?.at(-1)?.sequence ?? after;
      for (const event of queued) if (event.sequence > last) sendEvent(event);
      live = true;
      const heartbeat = setInterval(() => send(': heartbeat\n\n'), HEARTBEAT_MS);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      signal.addEventListener('abort', () => cleanup(), { once: true });
    },
    cancel() {
      cleanup();
    },
  });
}
