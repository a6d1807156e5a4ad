import 'server-only';
import type { MeshStore, StoreEvent } from '../store/types';

const HEARTBEAT_MS = 15_000;

/** The SSE body for one browser: the backlog after `after`, then live events, until it goes. */
export function eventStream(store: MeshStore, after: number, signal: AbortSignal): ReadableStream<Uint8Array> {
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
      const sendEvent = (event: StoreEvent) => send(`id: ${event.sequence}\ndata: ${JSON.stringify(event)}\n\n`);
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
