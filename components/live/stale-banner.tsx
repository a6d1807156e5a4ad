'use client';

import { useEffect, useState } from 'react';
import type { LiveStatus } from '@/lib/client/live-snapshot';
import type { SyncStatus } from '@/lib/mesh/types';
import { formatAge } from './format-age';

/** Says plainly that the screen may be out of date, and by how much (ticking). */
export function StaleBanner({ live, sync }: { live: LiveStatus; sync?: SyncStatus }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (!live.stale || live.staleSince === undefined) return null;
  const why =
    live.connection !== 'connected'
      ? 'The connection to Weir is down; retrying.'
      : sync?.stale
        ? `Weir's data is stale: ${sync.error ?? 'the cluster has gone silent'}.`
        : `Weir's watch on the cluster is not in sync${sync?.error ? `: ${sync.error}` : '.'}`;
  return (
    <div
      role="alert"
      className="absolute top-3 left-1/2 z-10 max-w-[90%] -translate-x-1/2 rounded-md border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950 shadow"
    >
      <strong className="font-semibold">
        Live updates interrupted — showing data from {formatAge(now - live.staleSince)} ago
      </strong>
      <div className="text-xs text-amber-900">{why} Editing is paused until it is back.</div>
    </div>
  );
}
