import { readEndpoint } from '@/lib/server/endpoint';
import { overviewEventsResponse } from '@/lib/server/overview-stream';

/**
 * Server-Sent Events (lib/api/overview.ts: OverviewPatch): the all-namespaces overview kept
 * current after `?after=` (or the Last-Event-ID the browser sends on reconnect), one message
 * per burst of changes holding only the namespaces they touched, as the person may see them.
 * `event: reset`: read GET /api/overview again.
 */
export const GET = readEndpoint(async (viewer, _query, request) => overviewEventsResponse(viewer, request));
