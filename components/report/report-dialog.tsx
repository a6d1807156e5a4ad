'use client';

import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { snapshotAtQuery, snapshotQuery } from '@/lib/client/queries';
import { namespacesOf } from '@/lib/mesh/namespaces-of';
import type { ReportFormat } from '@/lib/report/report-query';
import {
  checkReportChoice,
  choiceHref,
  fromLocalInput,
  type NamespaceChoice,
  toggleNamespace,
  toLocalInput,
} from './report-choice';

const FORMATS: Array<{ format: ReportFormat; label: string; title: string }> = [
  { format: 'md', label: 'Markdown', title: 'The report with the graph embedded, to read or file' },
  { format: 'json', label: 'JSON', title: 'The same report as data' },
  { format: 'svg', label: 'graph.svg', title: 'The graph of these namespaces at that time, as SVG' },
  { format: 'png', label: 'graph.png', title: 'The graph of these namespaces at that time, as PNG' },
];

const FIELD = 'rounded border border-slate-300 px-1.5 py-0.5 text-xs aria-invalid:border-red-500';

/** The namespaces the page shows (live or past), read from its own query without fetching again. */
function useVisibleNamespaces(at: string): string[] {
  const live = useQuery({ ...snapshotQuery(), enabled: false });
  const past = useQuery(snapshotAtQuery(at));
  const view = at ? past.data : live.data;
  return useMemo(() => (view ? namespacesOf(view) : []), [view]);
}

/**
 * "Report…": evidence for an audit, downloaded for chosen namespaces, the routing as it stands
 * or as of a past time, and the changes of a period; as Markdown, JSON and the graph (SVG, PNG).
 */
export function ReportDialog() {
  const params = useSearchParams();
  const pageAt = params.get('at') ?? '';
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    const close = (event: PointerEvent) => {
      if (panel.current && !panel.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div ref={panel} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={`${id}-report`}
        className="text-xs text-sky-700 underline-offset-2 hover:underline"
        title="Download the routing and its recorded changes, for chosen namespaces and a time"
        onClick={() => setOpen(!open)}
      >
        Report…
      </button>
      {open && (
        <ReportForm
          id={`${id}-report`}
          pageAt={pageAt}
          pageNamespaces={params.getAll('namespace')}
          onClose={() => setOpen(false)}
        />
      )}
    </div>
  );
}

function ReportForm({
  id,
  pageAt,
  pageNamespaces,
  onClose,
}: {
  id: string;
  pageAt: string;
  pageNamespaces: string[];
  onClose: () => void;
}) {
  const available = useVisibleNamespaces(pageAt);
  const [chosen, setChosen] = useState<NamespaceChoice>(pageNamespaces.length > 0 ? pageNamespaces : 'all');
  const [past, setPast] = useState(Boolean(pageAt));
  // Kept as the exact ISO time until edited: a link's time has milliseconds the input drops.
  const [at, setAt] = useState<string | undefined>(pageAt || undefined);
  const [from, setFrom] = useState<string>();
  const [to, setTo] = useState<string>();
  const choice = { namespaces: chosen, at: past ? at : undefined, from, to };
  const errors = checkReportChoice(choice);
  const missingAt = past && !at ? 'Choose the time, or “as it stands”.' : undefined;
  const blocked = Boolean(errors.namespaces || errors.at || errors.from || errors.to || missingAt);
  const all = chosen === 'all';
  const zone = `your clock, UTC${new Date().getTimezoneOffset() <= 0 ? '+' : '−'}${toLocalOffset()}`;

  return (
    <div
      id={id}
      role="dialog"
      aria-label="Download a report"
      className="absolute top-full right-0 z-30 mt-2 flex w-[25rem] flex-col gap-3 rounded-md border border-slate-200 bg-white p-3 text-xs text-slate-800 shadow-lg"
    >
      <div className="flex items-center justify-between">
        <h2 className="text-sm font-semibold">Report</h2>
        <button
          type="button"
          className="text-slate-500 hover:text-slate-800"
          aria-label="Close"
          onClick={onClose}
        >
          ✕
        </button>
      </div>

      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 font-medium text-slate-600">Namespaces</legend>
        <div className="flex max-h-32 flex-wrap gap-x-3 gap-y-1 overflow-y-auto">
          <label className="flex items-center gap-1">
            <input type="checkbox" checked={all} onChange={() => setChosen(all ? [] : 'all')} />
            all
          </label>
          {available.map((namespace) => (
            <label key={namespace} className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={all || chosen.includes(namespace)}
                onChange={() => setChosen(toggleNamespace(chosen, namespace, available))}
              />
              {namespace}
            </label>
          ))}
        </div>
        {errors.namespaces && (
          <p role="alert" className="text-red-700">
            {errors.namespaces}
          </p>
        )}
      </fieldset>

      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 font-medium text-slate-600">Routing</legend>
        <label className="flex items-center gap-1.5">
          <input type="radio" name={`${id}-when`} checked={!past} onChange={() => setPast(false)} />
          as it stands
        </label>
        <div className="flex items-center gap-1.5">
          <label className="flex items-center gap-1.5">
            <input type="radio" name={`${id}-when`} checked={past} onChange={() => setPast(true)} />
            as of
          </label>
          <input
            type="datetime-local"
            step={1}
            aria-label="Routing as of"
            aria-invalid={past && Boolean(errors.at || missingAt)}
            aria-describedby={`${id}-at-error`}
            className={FIELD}
            value={toLocalInput(at)}
            onFocus={() => setPast(true)}
            onChange={(event) => {
              setPast(true);
              setAt(fromLocalInput(event.target.value));
            }}
          />
        </div>
        {past && (errors.at || missingAt) ? (
          <p id={`${id}-at-error`} role="alert" className="text-red-700">
            {errors.at ?? missingAt}
          </p>
        ) : (
          past && (
            <p className="text-slate-500">
              Rebuilt from the recorded history; services and pods as they are now ({zone}).
            </p>
          )
        )}
      </fieldset>

      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 font-medium text-slate-600">Changes in the period</legend>
        <div className="grid grid-cols-[3rem_1fr] items-center gap-x-1.5 gap-y-1">
          <label htmlFor={`${id}-from`}>from</label>
          <input
            id={`${id}-from`}
            type="datetime-local"
            step={1}
            aria-invalid={Boolean(errors.from)}
            aria-describedby={`${id}-from-error`}
            className={FIELD}
            value={toLocalInput(from)}
            onChange={(event) => setFrom(fromLocalInput(event.target.value))}
          />
          {errors.from && (
            <p id={`${id}-from-error`} role="alert" className="col-start-2 text-red-700">
              {errors.from}
            </p>
          )}
          <label htmlFor={`${id}-to`}>to</label>
          <input
            id={`${id}-to`}
            type="datetime-local"
            step={1}
            aria-invalid={Boolean(errors.to)}
            aria-describedby={`${id}-to-error`}
            className={FIELD}
            value={toLocalInput(to)}
            onChange={(event) => setTo(fromLocalInput(event.target.value))}
          />
          {errors.to && (
            <p id={`${id}-to-error`} role="alert" className="col-start-2 text-red-700">
              {errors.to}
            </p>
          )}
        </div>
        <p className="text-slate-500">
          Empty: from the first record, to {past ? 'the time of the routing' : 'now'}.
        </p>
      </fieldset>

      <div className="flex flex-col gap-1 border-t border-slate-200 pt-2">
        <span className="font-medium text-slate-600">Download</span>
        <div className="flex flex-wrap gap-2">
          {FORMATS.map(({ format, label, title }) =>
            blocked ? (
              <span
                key={format}
                aria-disabled
                className="rounded border border-slate-200 px-2 py-0.5 text-slate-400"
              >
                {label}
              </span>
            ) : (
              <a
                key={format}
                href={choiceHref(choice, format)}
                download
                title={title}
                className="rounded border border-slate-300 bg-white px-2 py-0.5 font-medium text-sky-800 hover:bg-slate-50"
              >
                {label}
              </a>
            ),
          )}
        </div>
      </div>
    </div>
  );
}

/** The person's offset from UTC as `01:00`. */
function toLocalOffset(): string {
  const minutes = Math.abs(new Date().getTimezoneOffset());
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
