import { milliseconds, percent } from '@/lib/traffic/edge-text';
import { isFailing } from '@/lib/traffic/traffic-findings';
import type { EdgeTraffic } from '@/lib/traffic/types';

/** Under a weight: the measured share, the share answered without a 5xx and the p99 latency. */
export function EdgeTrafficLine({
  traffic,
  stale,
  testId,
}: {
  traffic: EdgeTraffic;
  stale: boolean;
  testId: string;
}) {
  const failing = isFailing(traffic);
  const tone = stale ? 'text-slate-400 italic' : failing ? 'text-red-700' : 'text-slate-600';
  if (traffic.share === undefined)
    return (
      <div className={`text-[10px] leading-tight ${tone}`} data-testid={testId}>
        no requests
      </div>
    );
  return (
    <div className={`text-[10px] leading-tight tabular-nums ${tone}`} data-testid={testId}>
      <div>
        measured <span className="font-semibold">{percent(traffic.share)}</span>
        {stale && ' · stale'}
      </div>
      {(traffic.success !== undefined || traffic.p99 !== undefined) && (
        <div className="whitespace-nowrap">
          {[
            traffic.success !== undefined && `${percent(traffic.success)} ok`,
            traffic.p99 !== undefined && `p99 ${milliseconds(traffic.p99)}`,
          ]
            .filter(Boolean)
            .join(' · ')}
        </div>
      )}
    </div>
  );
}
