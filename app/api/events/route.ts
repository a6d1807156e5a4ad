import { errorResponse } from '@/lib/server/http-errors';
import { eventStream } from '@/lib/server/event-stream';
import { getStore } from '@/lib/server/store';

/**
 * Server-Sent Events: every store event after `?after=` (or the Last-Event-ID the browser
 * sends on reconnect). `event: reset` means those events are gone: reload the snapshot.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const { store } = await getStore();
    const url = new URL(request.url);
    const from = request.headers.get('last-event-id') ?? url.searchParams.get('after');
    const after = from === null ? store.snapshot().sequence : Number(from);
    return new Response(eventStream(store, Number.isFinite(after) ? after : -1, request.signal), {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
