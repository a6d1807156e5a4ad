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
  // Three short lines: the label sits in the narrow gap before the destination column.
  return (
    <div
      className={`text-[10px] leading-tight tabular-nums whitespace-nowrap ${tone}`}
      data-testid={testId}
      data-stale={stale || undefined}
      title={stale ? 'Prometheus is not answering: these figures are the last it gave' : undefined}
    >
      {traffic.convergingOn === undefined ? (
        <div>
          measured <span className="font-semibold">{percent(traffic.share)}</span>
        </div>
      ) : (
        // Right after a weight move the window still holds the old split: say it is on its way.
        <div
          className="text-amber-700"
          data-testid={`${testId}-converging`}
          title={`Measured ${percent(traffic.share)}, converging on the new weight ${traffic.convergingOn}%`}
        >
          {/* Whole percents: the word is longer than "measured", and the share is moving anyway. */}
          converging <span className="font-semibold">{Math.round(traffic.share * 100)}%</span>
        </div>
      )}
      {traffic.success !== undefined && <div>{percent(traffic.success)} ok</div>}
      {traffic.p99 !== undefined && <div>p99 {milliseconds(traffic.p99)}</div>}
    </div>
  );
}
