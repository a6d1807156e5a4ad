'use client';

import { type KeyboardEvent, memo, type PointerEvent, useRef } from 'react';

const STEPS: Record<string, (value: number) => number> = {
  ArrowLeft: (value) => value - 1,
  ArrowDown: (value) => value - 1,
  ArrowRight: (value) => value + 1,
  ArrowUp: (value) => value + 1,
  PageDown: (value) => value - 10,
  PageUp: (value) => value + 10,
  Home: () => 0,
  End: () => 100,
};

interface WeightSliderProps {
  value: number;
  /** Names the destination and the route, e.g. "Weight of catalog v2 in shop/catalog http[0]". */
  label: string;
  disabled?: boolean;
  /** Small enough to sit on an edge label. */
  compact?: boolean;
  onMove: (value: number) => void;
  /** The gesture is over (pointer released, key released, focus left). */
  onEnd: () => void;
}

/** A 0–100 slider for assistive technology, keyboards and pointers alike. */
export const WeightSlider = memo(function WeightSlider({
  value,
  label,
  disabled = false,
  compact = false,
  onMove,
  onEnd,
}: WeightSliderProps) {
  const track = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);

  const valueAt = (clientX: number) => {
    const rect = track.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return value;
    return Math.round(Math.min(1, Math.max(0, (clientX - rect.left) / rect.width)) * 100);
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (disabled || event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus();
    dragging.current = true;
    onMove(valueAt(event.clientX));
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (dragging.current) onMove(valueAt(event.clientX));
  };
  const release = () => {
    if (!dragging.current) return;
    dragging.current = false;
    onEnd();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = STEPS[event.key];
    if (disabled || !step) return;
    event.preventDefault();
    event.stopPropagation();
    onMove(Math.min(100, Math.max(0, step(value))));
  };
  const onKeyUp = (event: KeyboardEvent<HTMLDivElement>) => {
    if (STEPS[event.key]) onEnd();
  };

  return (
    <div
      role="slider"
      tabIndex={disabled ? -1 : 0}
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      aria-valuetext={`${value}%`}
      aria-disabled={disabled || undefined}
      className={`nodrag nopan group relative flex touch-none select-none items-center rounded outline-none focus-visible:ring-2 focus-visible:ring-sky-500 ${
        compact ? 'h-3.5 w-full px-0.5' : 'h-6 w-full px-1.5'
      } ${disabled ? 'cursor-not-allowed opacity-50' : 'cursor-pointer'}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={release}
      onPointerCancel={release}
      onLostPointerCapture={release}
      onKeyDown={onKeyDown}
      onKeyUp={onKeyUp}
      onBlur={onEnd}
    >
      <div ref={track} className={`relative w-full rounded-full bg-slate-200 ${compact ? 'h-1' : 'h-1.5'}`}>
        <div className="absolute inset-y-0 left-0 rounded-full bg-sky-500" style={{ width: `${value}%` }} />
        <div
          className={`absolute top-1/2 -translate-x-1/2 -translate-y-1/2 rounded-full border-2 border-sky-600 bg-white shadow-sm group-focus-visible:border-sky-700 ${
            compact ? 'size-2.5' : 'size-4'
          }`}
          style={{ left: `${value}%` }}
        />
      </div>
    </div>
  );
});
