import 'server-only';
import { trackStream } from './lifecycle';

const HEARTBEAT_MS = 15_000;
const encoder = new TextEncoder();

/** What a stream's owner writes to one browser. */
export interface SseChannel {
  /** Bytes as they go out; what one turn of the event loop sends leaves as one chunk. */
  send(bytes: Uint8Array): void;
  /** A message, encoded here. */
  text(message: string): void;
  /** Ends the stream (after what is pending); the owner's own clean-up runs once. */
  close(): void;
}

/**
 * The SSE body for one browser, with what every Weir stream needs around its messages: the
 * reconnect delay first, a heartbeat, a shutdown's retry hint before it ends, and a browser that
 * reads too slowly let go past `maxQueuedBytes` (it reconnects, with its Last-Event-ID). `open`
 * starts the owner's listening and answers how to stop it.
 *
 * What one turn of the event loop sends goes out as one chunk: a watch's read holds several
 * events when the server is busy, and each chunk costs every browser's stream a pass through
 * the web-stream machinery and a socket write (most of a 200-client fan-out's CPU in a profile
 * at 10,000 VirtualServices).
 */
export function sseStream(
  signal: AbortSignal,
  maxQueuedBytes: number,
  open: (channel: SseChannel) => () => void,
): ReadableStream<Uint8Array> {
  let close = () => {};
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let pending: Uint8Array[] = [];
        let flushing: NodeJS.Immediate | undefined;
        let closed = false;
        const flush = () => {
          flushing = undefined;
          if (pending.length === 0) return;
          const chunk = pending.length === 1 ? (pending[0] as Uint8Array) : concat(pending);
          pending = [];
          try {
            controller.enqueue(chunk);
            if ((controller.desiredSize ?? 0) < -maxQueuedBytes) close();
          } catch {
            close();
          }
        };
        const channel: SseChannel = {
          send(bytes) {
            if (closed) return;
            pending.push(bytes);
            flushing ??= setImmediate(flush);
          },
          text: (message) => channel.send(encoder.encode(message)),
          close: () => close(),
        };
        let stop = () => {};
        let heartbeat: NodeJS.Timeout | undefined;
        let untrack = () => {};
        close = () => {
          if (closed) return;
          closed = true;
          // The last words (a shutdown's retry hint) go out before the stream closes.
          clearImmediate(flushing);
          flush();
          clearInterval(heartbeat);
          untrack();
          stop();
          try {
            controller.close();
          } catch {
            // already closed by the client going away
          }
        };
        channel.text('retry: 1000\n\n');
        stop = open(channel);
        if (closed) {
          // Closed while opening: what it started is stopped now.
          stop();
          return;
        }
        heartbeat = setInterval(() => channel.text(': heartbeat\n\n'), HEARTBEAT_MS);
        // A shutdown tells the browser when to come back (to another replica) and ends the stream.
        untrack = trackStream((retryMs) => {
          channel.text(`retry: ${retryMs}\n\n`);
          close();
        });
        if (signal.aborted) close();
        else signal.addEventListener('abort', () => close(), { once: true });
      },
      cancel() {
        close();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
  );
}

/** The answer carrying an SSE body: never cached or buffered on the way. */
export function sseResponse(body: ReadableStream<Uint8Array>): Response {
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
  });
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
