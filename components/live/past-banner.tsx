'use client';

import { useSearchParams } from 'next/navigation';
import { shortTime } from '../history/history-lines';

interface PastBannerProps {
  at: string;
  approximate?: string[];
  complete?: boolean;
}

/**
 * Says that the graph is the routing of a past time, read-only, with the way back to live: a
 * strip above the canvas, so it covers no node however many lines it needs.
 */
export function PastBanner({ at, approximate = [], complete = true }: PastBannerProps) {
  const params = useSearchParams();
  const back = new URLSearchParams(params);
  back.delete('at');
  const query = back.toString();
  const when = Number.isNaN(Date.parse(at)) ? at : shortTime(at);
  return (
    <div
      role="status"
      aria-label="Past point in time"
      title={Number.isNaN(Date.parse(at)) ? undefined : new Date(at).toString()}
      className="border-b border-sky-300 bg-sky-50 px-4 py-1.5 text-sm text-sky-950"
    >
      <strong className="font-semibold">Routing as it was at {when}</strong> — read-only view;{' '}
      {/* A full load: the live snapshot and its stream start afresh. */}
      <a className="font-medium underline" href={query ? `/?${query}` : '/'}>
        back to live
      </a>
      {/* The history records routing objects only. */}
      <span className="text-xs text-sky-900"> · Services and pods are shown as they are now.</span>
      {approximate.length > 0 && (
        <div className="text-xs text-sky-900">
          Shown as they are now (their earlier spec was not recorded): {approximate.join(', ')}
        </div>
      )}
      {!complete && (
        <div className="text-xs text-sky-900">
          More changes were recorded since than Weir reads at once: older parts may be out of date.
        </div>
      )}
    </div>
  );
}
