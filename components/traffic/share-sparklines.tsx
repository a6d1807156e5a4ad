'use client';

import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { shareHistoryQuery } from '@/lib/client/share-history-query';
import { weightEdgeId } from '@/lib/graph/ids';
import { destinationAddressKey, isIstioRoute, type RouteAddress } from '@/lib/mesh/route-address';
import { percent } from '@/lib/traffic/edge-text';
import { edgeTrafficStore } from './edge-traffic-store';

const WIDTH = 160;
const HEIGHT = 24;

/**
 * Under a route's sliders: each destination's measured share over the chosen window (thirty
 * points of Prometheus's range query), beside its weight as a dashed line. Nothing without
 * Prometheus or for a Gateway API rule.
 */
export function ShareSparklines({
  target,
  names,
  weights,
}: {
  target: RouteAddress;
  names: readonly string[];
  weights: readonly number[];
}) {
  const state = useSyncExternalStore(
    edgeTrafficStore.subscribe,
    () => edgeTrafficStore.status().state,
    () => 'off' as const,
  );
  const window = useSyncExternalStore(
    edgeTrafficStore.subscribe,
    () => edgeTrafficStore.window(),
    () => '1m' as const,
  );
  const enabled = state !== 'off' && isIstioRoute(target);
  const { data } = useQuery({ ...shareHistoryQuery(window, target), enabled });
  if (!enabled || !data) return null;
  return (
    <section aria-label={`Measured share over the last ${window}`} className="flex flex-col gap-1">
      <h4 className="text-[11px] font-medium uppercase tracking-wide text-slate-500">
        Measured share, last {window}
      </h4>
      {data.unavailable && <p className="text-xs text-slate-500">{data.unavailable}</p>}
      {names.map((name, index) => {
        const destination = { ...target, destinationIndex: index };
        // Shares are answered per weight edge.
        const id = weightEdgeId(destination);
        const shares = data.points.flatMap((point) =>
          point.shares[id] === undefined ? [] : [{ time: point.time, share: point.shares[id] as number }],
        );
        return (
          <Sparkline
            // Destinations are identified by their place in the route.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={index}
            testId={`share-sparkline:${destinationAddressKey(destination)}`}
            name={name}
            weight={weights[index] ?? 0}
            shares={shares}
            span={
              data.points.length > 1 ? [data.points[0]?.time ?? 0, data.points.at(-1)?.time ?? 1] : [0, 1]
            }
          />
        );
      })}
    </section>
  );
}

function Sparkline({
  testId,
  name,
  weight,
  shares,
  span,
}: {
  testId: string;
  name: string;
  weight: number;
  shares: Array<{ time: number; share: number }>;
  span: [number, number];
}) {
  const x = (time: number) => ((time - span[0]) / Math.max(1, span[1] - span[0])) * WIDTH;
  const y = (share: number) => HEIGHT - 1 - share * (HEIGHT - 2);
  const last = shares.at(-1)?.share;
  const low = Math.min(...shares.map((s) => s.share));
  const high = Math.max(...shares.map((s) => s.share));
  const title =
    shares.length === 0
      ? `${name}: no requests measured in the window`
      : `${name}: measured ${percent(low)} to ${percent(high)} over the window, now ${percent(last ?? 0)}; weight ${weight}%`;
  return (
    <div className="flex items-center gap-2 text-xs text-slate-700" title={title}>
      <span className="w-28 truncate">{name}</span>
      <svg
        width={WIDTH}
        height={HEIGHT}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="shrink-0 rounded bg-slate-50"
        role="img"
        aria-label={title}
        data-testid={testId}
        data-points={shares.length}
      >
        <line
          x1={0}
          x2={WIDTH}
          y1={y(weight / 100)}
          y2={y(weight / 100)}
          className="stroke-slate-400"
          strokeDasharray="3 3"
          strokeWidth={1}
        />
        {shares.length > 0 && (
          <polyline
            points={shares.map((s) => `${x(s.time).toFixed(1)},${y(s.share).toFixed(1)}`).join(' ')}
            fill="none"
            className="stroke-sky-600"
            strokeWidth={1.5}
          />
        )}
      </svg>
      <span className="w-12 text-right tabular-nums">{last === undefined ? '–' : percent(last)}</span>
    </div>
  );
}
