import { viewerOf } from '@/lib/server/auth/viewer';
import { eventFilter } from '@/lib/server/auth/visibility';
import { eventStream } from '@/lib/server/event-stream';
import { errorResponse } from '@/lib/server/http-errors';
import { viewNamespaces } from '@/lib/server/view-namespaces';

/**
 * Server-Sent Events: every store event after `?after=` (or the Last-Event-ID the browser
 * sends on reconnect) that the person may see; with `?namespace=` (repeated), only those a
 * view of these namespaces holds. `event: reset` means those events are gone (or the view
 * now holds more): reload the snapshot.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const { handle, visibility } = await viewerOf(request);
    const { store } = handle;
    const url = new URL(request.url);
    const from = request.headers.get('last-event-id') ?? url.searchParams.get('after');
    const after = from === null ? store.sequence() : Number(from);
    const body = eventStream(
      store,
      Number.isFinite(after) ? after : -1,
      request.signal,
      eventFilter(visibility),
      viewNamespaces(url.searchParams),
    );
    return new Response(body, {
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
