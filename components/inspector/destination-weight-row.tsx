'use client';

import { useState } from 'react';
import { WeightSlider } from '../weights/weight-slider';

interface DestinationWeightRowProps {
  name: string;
  /** Accessible name of the slider and the number box. */
  label: string;
  value: number;
  locked: boolean;
  readOnly: boolean;
  disabled: boolean;
  onMove: (value: number) => void;
  onEnd: () => void;
  onToggleLock: () => void;
  onSendAll: () => void;
  /** Asks to remove this destination (a confirmation follows); absent where nobody may edit. */
  onRemove?: () => void;
}

/** One destination of a route: its weight as a slider and a number, its lock, "send all here". */
export function DestinationWeightRow(props: DestinationWeightRowProps) {
  const { name, label, value, locked, readOnly, disabled, onMove, onEnd, onToggleLock, onSendAll, onRemove } =
    props;
  const removeButton = onRemove && (
    <button
      type="button"
      disabled={disabled}
      aria-label={`Remove ${name}`}
      title={`Remove ${name} from this route`}
      className="rounded border border-slate-300 px-1.5 text-xs text-red-700 hover:border-red-300 hover:bg-red-50 disabled:cursor-not-allowed disabled:opacity-50"
      onClick={onRemove}
    >
      Remove
    </button>
  );
  // What is being typed, and the weight it was typed over: a new weight from elsewhere wins.
  const [typing, setTyping] = useState<{ text: string; over: number }>();
  const typed = typing?.over === value ? typing.text : undefined;
  const setTyped = (text: string | undefined) =>
    setTyping(text === undefined ? undefined : { text, over: value });

  const commit = () => {
    if (typed === undefined) return;
    const number = Number.parseInt(typed, 10);
    setTyped(undefined);
    if (Number.isFinite(number) && number !== value) {
      onMove(Math.min(100, Math.max(0, number)));
      onEnd();
    }
  };

  if (readOnly) {
    return (
      <li className="flex items-center justify-between gap-2 text-sm">
        <span className="min-w-0 flex-1 truncate">{name}</span>
        <span className="font-semibold tabular-nums">{value}%</span>
        {removeButton}
      </li>
    );
  }
  return (
    <li className="flex flex-col gap-1 rounded-md border border-slate-200 bg-white p-2">
      <div className="flex items-center gap-2">
        <span className="min-w-0 flex-1 truncate text-sm font-medium" title={name}>
          {name}
        </span>
        <button
          type="button"
          aria-pressed={locked}
          aria-label={`Lock the weight of ${name}`}
          title={locked ? 'Locked: moving other weights leaves this one' : 'Lock this weight'}
          disabled={disabled}
          className={`rounded border px-1.5 text-xs disabled:opacity-50 ${
            locked
              ? 'border-amber-400 bg-amber-50 text-amber-900'
              : 'border-slate-300 text-slate-600 hover:bg-slate-50'
          }`}
          onClick={onToggleLock}
        >
          {locked ? 'locked' : 'lock'}
        </button>
        <button
          type="button"
          disabled={disabled}
          title={`Send all traffic of this route to ${name} (blue/green switch)`}
          className="rounded border border-slate-300 px-1.5 text-xs text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50"
          onClick={onSendAll}
        >
          Send all
        </button>
        {removeButton}
      </div>
      <div className="flex items-center gap-2">
        <div className="min-w-0 flex-1">
          <WeightSlider value={value} label={label} disabled={disabled} onMove={onMove} onEnd={onEnd} />
        </div>
        <label className="flex items-center gap-0.5 text-sm">
          <input
            type="number"
            min={0}
            max={100}
            step={1}
            inputMode="numeric"
            aria-label={label}
            disabled={disabled}
            className="w-14 rounded border border-slate-300 px-1 py-0.5 text-right tabular-nums disabled:bg-slate-50"
            value={typed ?? String(value)}
            onChange={(event) => setTyped(event.target.value)}
            onBlur={commit}
            onKeyDown={(event) => {
              if (event.key === 'Enter') commit();
              if (event.key === 'Escape') setTyped(undefined);
            }}
          />
          %
        </label>
      </div>
    </li>
  );
}
