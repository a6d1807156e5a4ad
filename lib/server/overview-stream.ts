import 'server-only';
import { InvalidError } from '../mesh/errors';
import type { Viewer } from './auth/viewer';
import { overviewFor, overviewPatchFor } from './overview';
import { overviewIndexOf } from './overview-index';
import { refuseOverviewParams } from './overview-query';
import { ShownOverview } from './overview-shown';
import { sseResponse, sseStream } from './sse';

/** Events this close together go out as one message: a burst of writes is one patch, not hundreds. */
const BATCH_MS = 100;
/** What may wait for one browser before it is let go (it reconnects and resumes from its last id). */
const MAX_QUEUED_BYTES = 1024 * 1024;

/**
 * GET /api/overview/events: the all-namespaces overview kept current without reading it again.
 * After `?after=` (the sequence of the overview the browser holds; on a reconnect the
 * Last-Event-ID it sends), each message (lib/api/overview.ts: OverviewPatch) holds the entries
 * of the namespaces whose overview changed, as GET /api/overview answers them for this person
 * now, and the links touching them: the store's overview index knows which namespaces each
 * event touched, so nothing else is summed or sent. `event: reset` (and the stream ends): what
 * changed since `after` is not known here (another server, a restart), or, for a restricted
 * person, a namespace changed since then is no longer listed to them (ShownOverview:
 * mayHoldUnlisted); read the overview again.
 */
export function overviewEventsResponse(viewer: Viewer, request: Request): Response {
  const params = new URL(request.url).searchParams;
  refuseOverviewParams(params);
  const { store } = viewer.handle;
  const header = request.headers.get('last-event-id');
  const after =
    header !== null
      ? readSequence(header, 'Last-Event-ID')
      : params.has('after')
        ? readSequence(params.getAll('after'), 'after')
        : store.sequence();
  const body = overviewStream(viewer, after, request.signal);
  return sseResponse(body);
}

/** A sequence number: one whole number from 0, or a 422 naming where it came from. */
function readSequence(value: string | string[], name: string): number {
  const values = Array.isArray(value) ? value : [value];
  if (values.length !== 1) throw new InvalidError(`${name}: one sequence number, not ${values.length}`);
  const text = (values[0] ?? '').trim();
  if (!/^\d{1,15}$/.test(text))
    throw new InvalidError(`${name}: the sequence of the overview held (a whole number from 0)`);
  return Number(text);
}

function overviewStream(viewer: Viewer, after: number, signal: AbortSignal): ReadableStream<Uint8Array> {
  const { store } = viewer.handle;
  const index = overviewIndexOf(store);
  return sseStream(signal, MAX_QUEUED_BYTES, (channel) => {
    let sent = after;
    // For a restricted person, what their stream has shown them: the overview as it is now
    // (what the browser read, but for what changed since `after`), then every message.
    let shown: ShownOverview | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let sending = false;
    let again = false;
    // A sum under way when the browser goes must not schedule another for a dead stream.
    let stopped = false;
    const flush = async () => {
      timer = undefined;
      if (stopped) return;
      if (sending) {
        again = true;
        return;
      }
      sending = true;
      try {
        // Known before anything is summed: a reset needs no overview.
        if (index.changedSince(sent) === undefined) return reset();
        if (viewer.visibility.restricted && !shown) {
          const now = await overviewFor(viewer);
          // Asked after the overview is summed: what changed meanwhile is stale too.
          const stale = index.changedSince(sent);
          if (stale === undefined) return reset();
          shown = new ShownOverview(now, stale);
          // A namespace the browser may hold is gone from their list (deleted or hidden since
          // the overview it read): naming it as removed could name a hidden namespace.
          if (shown.mayHoldUnlisted) return reset();
        }
        const sequence = store.sequence();
        const changed = index.changedSince(sent);
        if (changed === undefined) return reset();
        if (changed.size > 0) {
          // An event landing while this is summed is summed again with the next message.
          const patch = await overviewPatchFor(viewer, changed, sequence, shown);
          if (patch) channel.text(`id: ${sequence}\ndata: ${JSON.stringify(patch)}\n\n`);
        }
        sent = sequence;
      } catch {
        // The person's access could not be reviewed: the browser reconnects and resumes.
        channel.close();
      } finally {
        sending = false;
        if (again) {
          again = false;
          schedule();
        }
      }
    };
    // What changed since `sent` is not known here, or cannot be told to this person: the
    // browser reads the overview again and opens a new stream from it; this one is done.
    const reset = () => {
      channel.text(`event: reset\ndata: ${JSON.stringify({ sequence: store.sequence() })}\n\n`);
      channel.close();
    };
    const schedule = () => {
      if (!stopped) timer ??= setTimeout(flush, BATCH_MS);
    };
    const unlisten = index.listen(schedule);
    // What changed between the overview the browser holds and now.
    void flush();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      unlisten();
    };
  });
}
