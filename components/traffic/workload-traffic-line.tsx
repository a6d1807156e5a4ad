import { workloadTrafficText } from '@/lib/traffic/edge-text';
import { isFailing } from '@/lib/traffic/traffic-findings';
import { useEdgeTraffic } from './edge-traffic-store';

/** A workload node's line of measured traffic (request rate, 5xx share), or nothing without figures. */
export function WorkloadTrafficLine({ id }: { id: string }) {
  const { traffic, stale } = useEdgeTraffic(id);
  if (!traffic) return null;
  const text = workloadTrafficText(traffic);
  const tone = stale ? 'text-slate-400 italic' : isFailing(traffic) ? 'text-red-700' : 'text-slate-600';
  return (
    <div
      className={`truncate font-mono text-[11px] leading-4 tabular-nums ${tone}`}
      data-testid="workload-traffic"
      data-stale={stale || undefined}
      title={`Requests its pods received over the chosen window: ${text}`}
    >
      {text}
    </div>
  );
}
