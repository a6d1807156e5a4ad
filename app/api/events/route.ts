import { readEndpoint } from '@/lib/server/endpoint';
import { eventsResponse } from '@/lib/server/event-stream';
import { viewNamespaces } from '@/lib/server/view-namespaces';

/**
 * Server-Sent Events (lib/api/snapshot.ts: EventMessage, ResetMessage): every store event
 * after `?after=` (or the Last-Event-ID the browser sends on reconnect) that the person may
 * see; with `?namespace=` (repeated), only those a view of these namespaces holds.
 * `event: reset` means those events are gone (or the view now holds more): reload the snapshot.
 */
export const GET = readEndpoint(async (viewer, query, request) =>
  eventsResponse(viewer, request, viewNamespaces(query)),
);
