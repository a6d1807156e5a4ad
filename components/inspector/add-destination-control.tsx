'use client';

import { useId, useMemo, useState } from 'react';
import { useMeshView } from '@/lib/client/change-mutation';
import { isIstioRoute, type RouteAddress } from '@/lib/mesh/route-address';
import type { Destination } from '@/lib/mesh/types';
import { type Addition, type DestinationChoice, destinationChoices } from '../weights/destination-choices';
import { useDestinationEdits } from '../weights/use-destination-edits';
import { currentPick, distinctChoices, keyOf } from './add-destination-pick';

const OTHER = 'other';
const FIELD = 'w-full rounded border border-slate-300 px-1.5 py-1 text-sm disabled:bg-slate-50';
const BUTTON = 'rounded border px-2 py-1 text-xs font-medium disabled:cursor-not-allowed disabled:opacity-50';

/**
 * "Add destination": a subset of a host the route already uses, another Service, or any
 * host typed in. The new destination joins at 0%; the person then slides it up. On a
 * Gateway API rule, "Add backend": a port of a Service, or of a ServiceEntry host (an Istio
 * `Hostname` backend), written as a backendRef at weight 0.
 */
export function AddDestinationControl({ target, disabled }: { target: RouteAddress; disabled: boolean }) {
  const [open, setOpen] = useState(false);
  const noun = isIstioRoute(target) ? 'destination' : 'backend';
  if (!open) {
    return (
      <button
        type="button"
        disabled={disabled}
        className={`${BUTTON} border-slate-300 bg-white text-slate-800 hover:bg-slate-50`}
        onClick={() => setOpen(true)}
      >
        Add {noun}
      </button>
    );
  }
  return <AddDestinationForm target={target} disabled={disabled} onDone={() => setOpen(false)} />;
}

function AddDestinationForm({
  target,
  disabled,
  onDone,
}: {
  target: RouteAddress;
  disabled: boolean;
  onDone: () => void;
}) {
  const view = useMeshView();
  const { add } = useDestinationEdits();
  const id = useId();
  const choices = useMemo(
    () => (view ? destinationChoices(view, target) : { subsets: [], services: [] }),
    [view, target],
  );
  const subsets = distinctChoices(choices.subsets);
  const subsetKeys = new Set(subsets.map((c) => keyOf(c.destination)));
  const services = distinctChoices(choices.services).filter((c) => !subsetKeys.has(keyOf(c.destination)));
  const all = [...subsets, ...services];
  // A Gateway API rule takes only what Weir can write as a backendRef: no typed host, no subset.
  const istio = isIstioRoute(target);
  const noun = istio ? 'destination' : 'backend';
  const [chosen, setPicked] = useState(() => (all[0] ? keyOf(all[0].destination) : istio ? OTHER : ''));
  const picked = currentPick(
    chosen,
    all.map((c) => keyOf(c.destination)),
    istio ? OTHER : undefined,
  );
  const [host, setHost] = useState('');
  const [subset, setSubset] = useState('');
  const [port, setPort] = useState('');

  const typed = (): Addition | undefined => {
    if (!host.trim()) return undefined;
    const number = Number.parseInt(port, 10);
    const destination: Destination = {
      host: host.trim(),
      ...(subset.trim() && { subset: subset.trim() }),
      ...(Number.isFinite(number) && { port: { number } }),
    };
    return { destination };
  };
  const addition =
    picked === OTHER && istio ? typed() : all.find((choice) => keyOf(choice.destination) === picked);
  const hostOf = subsets[0]?.destination.host;

  return (
    <form
      aria-label={`Add a ${noun}`}
      className="flex w-full flex-col gap-2 rounded-md border border-slate-200 bg-slate-50 p-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (!addition) return;
        void add(target, addition);
        onDone();
      }}
    >
      <div className="flex flex-col gap-1">
        <label className="text-xs text-slate-600" htmlFor={`${id}-pick`}>
          Add {noun}
        </label>
        <select
          id={`${id}-pick`}
          className={FIELD}
          disabled={disabled}
          value={picked}
          onChange={(event) => setPicked(event.target.value)}
        >
          {subsets.length > 0 && (
            <optgroup label={`Subsets of ${hostOf ?? 'this host'}`}>{options(subsets)}</optgroup>
          )}
          {services.length > 0 && <optgroup label="Other services">{options(services)}</optgroup>}
          {istio && <option value={OTHER}>Another host…</option>}
          {!istio && all.length === 0 && <option value="">No Service or host left to add</option>}
        </select>
      </div>
      {picked === OTHER && istio && (
        <div className="grid grid-cols-[1fr_5.5rem] gap-1.5">
          <label className="col-span-2 flex flex-col gap-0.5 text-[11px] text-slate-600">
            Host
            <input
              className={FIELD}
              required
              placeholder="reviews.shop.svc.cluster.local"
              value={host}
              disabled={disabled}
              onChange={(event) => setHost(event.target.value)}
            />
          </label>
          <label className="flex flex-col gap-0.5 text-[11px] text-slate-600">
            Subset
            <input
              className={FIELD}
              placeholder="optional"
              value={subset}
              disabled={disabled}
              onChange={(event) => setSubset(event.target.value)}
            />
          </label>
          <label className="flex flex-col gap-0.5 text-[11px] text-slate-600">
            Port
            <input
              className={FIELD}
              type="number"
              min={1}
              max={65535}
              placeholder="optional"
              value={port}
              disabled={disabled}
              onChange={(event) => setPort(event.target.value)}
            />
          </label>
        </div>
      )}
      <p className="text-[11px] text-slate-500">
        {istio
          ? 'It joins at 0%; then slide it up.'
          : 'It joins at weight 0 (traffic does not move); then slide it up.'}
      </p>
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={disabled || !addition}
          className={`${BUTTON} border-sky-700 bg-sky-700 text-white hover:bg-sky-800`}
        >
          Add
        </button>
        <button
          type="button"
          className={`${BUTTON} border-slate-300 bg-white text-slate-800 hover:bg-slate-50`}
          onClick={onDone}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}

function options(choices: DestinationChoice[]) {
  return choices.map((choice) => (
    <option key={keyOf(choice.destination)} value={keyOf(choice.destination)}>
      {choice.label}
    </option>
  ));
}
