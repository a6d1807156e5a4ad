import type { ReactNode } from 'react';
import type { SessionAnswer } from '@/lib/api/session';
import type { LiveStatus } from '@/lib/client/live-snapshot';
import type { SyncStatus } from '@/lib/mesh/types';
import { UserMenu } from '../auth/user-menu';
import { LiveIndicator } from '../live/live-indicator';
import { notServedNote } from './not-served';

interface AppHeaderProps {
  session?: SessionAnswer;
  sync?: SyncStatus;
  live: LiveStatus;
  /** A past point in time is shown, not the live data. */
  past?: boolean;
  /** The overview of a large mesh is shown: counts read again every few seconds, no stream. */
  overview?: boolean;
  /** Live traffic's status and window (components/traffic). */
  traffic?: ReactNode;
}

const CLUSTER_HINT =
  'To show a cluster, start Weir with KUBECONFIG (and WEIR_CONTEXT) set; for a folder of manifests, set WEIR_MANIFESTS.';

/** Product, what Weir is reading, who is looking, and whether the data is live. */
export function AppHeader({ session, sync, live, past, overview, traffic }: AppHeaderProps) {
  const backend = session?.backend ?? sync?.backend;
  const source = session?.source ?? sync?.source ?? '';
  const demo = session?.demo ?? sync?.demo ?? false;
  const notServed = notServedNote(sync?.notServed);
  return (
    <header className="flex h-12 shrink-0 items-center gap-4 border-b border-slate-200 bg-white px-4">
      <h1 className="text-lg font-bold tracking-tight text-slate-900">Weir</h1>
      <div className="flex min-w-0 flex-1 items-baseline gap-2 text-sm">
        {backend === 'kube' && (
          <span className="truncate" title={source}>
            <span className="text-slate-500">cluster</span> <span className="font-medium">{source}</span>
          </span>
        )}
        {backend === 'kube' && notServed && (
          <span
            className="hidden shrink-0 text-xs text-slate-500 lg:inline"
            title="The cluster serves none of the versions Weir reads of these kinds (their CRDs are not installed), so none is shown. Weir looks again every minute."
          >
            — {notServed}
          </span>
        )}
        {backend === 'files' && (
          <>
            <span className="truncate" title={source}>
              <span className="text-slate-500">{demo ? 'demo folder' : 'manifests folder'}</span>{' '}
              <span className="font-mono text-xs">{source}</span>
            </span>
            {demo && (
              <span className="hidden shrink-0 text-xs text-slate-500 xl:inline" title={CLUSTER_HINT}>
                — set KUBECONFIG or WEIR_MANIFESTS to point Weir at your mesh
              </span>
            )}
          </>
        )}
      </div>
      <div className="flex shrink-0 items-center gap-3 text-sm">
        {traffic}
        <LiveIndicator live={live} sync={sync} past={past} overview={overview} />
        {session?.readOnly && (
          <span
            className="rounded-full border border-slate-300 bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700"
            title={session.readOnlyReason}
          >
            read-only
          </span>
        )}
        <UserMenu session={session} />
      </div>
    </header>
  );
}
