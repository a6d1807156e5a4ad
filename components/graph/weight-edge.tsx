'use client';

import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getBezierPath } from '@xyflow/react';
import { memo, useCallback, useEffect } from 'react';
import { worstOf } from '@/lib/graph/graph-style';
import type { WeightData } from '@/lib/graph/types';
import { objectKey } from '@/lib/mesh/object-key';
import { destinationAddressKey, routeAddressKey, routeTitle } from '@/lib/mesh/route-address';
import type { ObjectRef } from '@/lib/mesh/types';
import { edgeTrafficText } from '@/lib/traffic/edge-text';
import { isFailing } from '@/lib/traffic/traffic-findings';
import { useObjectEditing } from '../editing/object-editing';
import { EdgeTrafficLine } from '../traffic/edge-traffic-line';
import { useEdgeTraffic } from '../traffic/edge-traffic-store';
import { useKeyedValue } from '../weights/keyed-store';
import { destinationName, weightLabel } from '../weights/labels';
import { useGetMeshObject } from '../weights/mesh-objects-context';
import { readRouteWeights } from '../weights/route-weights';
import { useWeightGesture } from '../weights/use-weight-gesture';
import { drawn, dropIfStale, releasedDrafts, weightDrafts } from '../weights/weight-drafts';
import { WeightSlider } from '../weights/weight-slider';
import { WriteStatusNote } from '../weights/write-status-note';
import { useCanvasActions, useDrawnWeight } from './canvas-context';
import type { MeshFlowEdge } from './flow-types';
import { ProblemBadge, SEVERITY_STYLE } from './problem-badge';

/** Vertical distance between stacked weight labels at one destination. */
const SLOT_HEIGHT = 40;
/** The same, for labels that also read measured traffic (three more short lines). */
const TRAFFIC_SLOT_HEIGHT = 76;
const NO_TARGET: ObjectRef = { kind: 'VirtualService', namespace: '', name: '' };

/** A route → destination edge: its share of the traffic, and the slider that changes it. */
export const WeightEdge = memo(function WeightEdge(props: EdgeProps<MeshFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected } = props;
  const edge = data?.edge;
  // The share as the graph has it now: the React Flow edge is kept while only its share moves.
  const weight = useDrawnWeight(id, edge?.weight);
  const { selectEdge } = useCanvasActions();
  const target = weight?.ref ?? NO_TARGET;
  // Narrowed to this VirtualService: the person's rights in its namespace, a controller's lock.
  const { editing } = useObjectEditing(target);
  const route = weight ? routeAddressKey(weight) : '';
  const draft = useKeyedValue(weightDrafts, route);
  // A landed draft goes once this edge draws what it held (see releaseDraft).
  const released = useKeyedValue(releasedDrafts, route);
  const drawnWeight = weight?.weight;
  const destination = weight?.destinationIndex;
  const getObject = useGetMeshObject();
  useEffect(() => {
    if (!released || !weight || drawnWeight === undefined || destination === undefined) return;
    dropIfStale(route, readRouteWeights(getObject(objectKey(weight.ref)), weight)?.weights);
    drawn(route, destination, drawnWeight);
  }, [released, route, destination, drawnWeight, weight, getObject]);
  // Measured by Prometheus (WEIR_PROMETHEUS_URL), when Weir has it.
  const { traffic, stale } = useEdgeTraffic(id);
  if (!edge || !weight) return null;

  const value = draft?.[weight.destinationIndex] ?? weight.weight;
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const [slot, slots] = data?.slot ?? [0, 1];
  const labelY = targetY + (slot - (slots - 1) / 2) * (traffic ? TRAFFIC_SLOT_HEIGHT : SLOT_HEIGHT);
  const worst = worstOf(edge.problems);
  const failing = !stale && isFailing(traffic);
  const stroke = failing
    ? '#dc2626'
    : worst
      ? SEVERITY_STYLE[worst].stroke
      : selected
        ? '#0284c7'
        : value === 0
          ? '#cbd5e1'
          : '#475569';

  return (
    <>
      <BaseEdge id={id} path={path} style={{ stroke, strokeWidth: 1.25 + (value / 100) * 4 }} />
      <EdgeLabelRenderer>
        {/* Just before the destination, narrow enough for the gap between columns. */}
        {/* biome-ignore lint/a11y/noStaticElementInteractions: a pointer shortcut to select the edge; the slider inside is the keyboard control */}
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: see above */}
        <div
          className={`nodrag nopan absolute flex ${traffic ? 'w-[5.75rem]' : 'w-[5.25rem]'} flex-col gap-0.5 rounded-md border bg-white/95 px-1.5 py-0.5 shadow-sm ${
            selected
              ? 'border-sky-500 ring-1 ring-sky-500'
              : failing
                ? 'border-red-500'
                : worst
                  ? 'border-amber-400'
                  : 'border-slate-300'
          }`}
          style={{
            transform: `translate(-100%, -50%) translate(${targetX - 6}px, ${labelY}px)`,
            pointerEvents: 'all',
          }}
          title={`${destinationName(weight)}: ${value}% of ${routeTitle(weight)}${
            weight.explicit ? '' : ' (implied: no weight written)'
          }${traffic ? ` — ${edgeTrafficText(traffic)}${stale ? ' (stale)' : ''}` : ''}`}
          onClick={() => selectEdge(id)}
        >
          <div className="flex items-center gap-1">
            <span
              data-testid={`weight:${destinationAddressKey(weight)}`}
              className={`text-xs font-semibold tabular-nums ${weight.explicit ? 'text-slate-900' : 'text-slate-500 italic'}`}
            >
              {value}%
            </span>
            <span className="flex min-w-0 flex-1 justify-end">
              <WriteStatusNote route={route} compact explain={weight.destinationIndex === 0} />
            </span>
            <ProblemBadge problems={edge.problems} />
          </div>
          {traffic && (
            <EdgeTrafficLine
              traffic={traffic}
              stale={stale}
              testId={`traffic:${destinationAddressKey(weight)}`}
            />
          )}
          {/* A lone destination takes all the traffic whatever its weight: nothing to slide. */}
          {!editing.readOnly && (data?.shares ?? 1) > 1 && (
            <EdgeSlider weight={weight} value={value} disabled={!editing.canEdit} />
          )}
        </div>
      </EdgeLabelRenderer>
    </>
  );
});

function EdgeSlider({ weight, value, disabled }: { weight: WeightData; value: number; disabled: boolean }) {
  const gesture = useWeightGesture(weight);
  const { move, end } = gesture;
  const index = weight.destinationIndex;
  const onMove = useCallback((next: number) => move(index, next), [move, index]);
  return (
    <WeightSlider
      compact
      value={value}
      label={weightLabel(weight)}
      disabled={disabled}
      onMove={onMove}
      onEnd={end}
    />
  );
}
