import type { LiveStatus } from '@/lib/client/live-snapshot';
import type { SyncStatus } from '@/lib/mesh/types';

/** A dot and a word: is what is on screen what the cluster holds now? */
export function LiveIndicator({
  live,
  sync,
  past,
  overview,
}: {
  live: LiveStatus;
  sync?: SyncStatus;
  past?: boolean;
  overview?: boolean;
}) {
  const [dot, text, title] = past
    ? ['bg-sky-500', 'past, read-only', 'The routing as it was at a past time; not updated']
    : overview
      ? [
          'bg-violet-500',
          'overview',
          'Counts per namespace, read again every 10 seconds; open a namespace to follow it live',
        ]
      : live.connection === 'connecting'
        ? ['bg-slate-400', 'connecting…', 'Opening the live update stream']
        : live.connection === 'reconnecting'
          ? ['bg-amber-500 animate-pulse', 'reconnecting…', 'The live update stream is down; retrying']
          : sync?.stale
            ? ['bg-amber-500', 'stale', sync.error ?? `Weir has heard nothing from ${sync.source}`]
            : sync && !sync.synced
              ? ['bg-amber-500', 'not in sync', sync.error ?? `Weir's watch on ${sync.source} is not in sync`]
              : ['bg-emerald-500', 'live', 'Changes in the cluster appear here as they happen'];
  return (
    <span className="flex items-center gap-1.5 text-xs text-slate-600" title={title} role="status">
      <span aria-hidden className={`inline-block size-2 rounded-full ${dot}`} />
      {text}
    </span>
  );
}
