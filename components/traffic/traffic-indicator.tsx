'use client';

import { TRAFFIC_WINDOWS, type TrafficWindow } from '@/lib/traffic/types';
import { formatAge } from '../live/format-age';
import type { TrafficView } from './use-traffic';

const HOW_TO =
  'Live traffic comes from Istio’s standard metrics in Prometheus: start Weir with WEIR_PROMETHEUS_URL=http://<prometheus>:9090 (see the README).';

/** The header's word on live traffic: how to add it, its window, or that it is stale and why. */
export function TrafficIndicator({ traffic }: { traffic: TrafficView }) {
  const status = traffic.report?.status;
  if (!status) return null;
  if (status.state === 'off')
    return (
      <span className="hidden text-xs text-slate-500 lg:inline" title={HOW_TO} data-testid="traffic-off">
        traffic: set WEIR_PROMETHEUS_URL
      </span>
    );
  const stale = status.state === 'stale';
  return (
    <span className="flex items-center gap-1.5 text-xs" data-testid="traffic-status">
      {stale ? (
        <span
          className="rounded-full border border-amber-400 bg-amber-50 px-2 py-0.5 font-medium text-amber-800"
          title={`Prometheus: ${status.reason}. ${status.at ? `The figures on the edges are ${ago(status.at)} old.` : 'No figures yet.'}`}
          data-testid="traffic-stale"
        >
          traffic stale{status.at ? ` · ${ago(status.at)} old` : ''}
        </span>
      ) : (
        <span
          className="text-emerald-700"
          title={`Prometheus answered at ${new Date(status.at).toLocaleTimeString()}`}
        >
          traffic
        </span>
      )}
      <select
        aria-label="Traffic window"
        className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
        value={traffic.window}
        onChange={(event) => traffic.setWindow(event.target.value as TrafficWindow)}
      >
        {TRAFFIC_WINDOWS.map((window) => (
          <option key={window} value={window}>
            last {window}
          </option>
        ))}
      </select>
    </span>
  );
}

function ago(at: string): string {
  return formatAge(Date.now() - Date.parse(at));
}
