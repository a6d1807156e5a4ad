// biome-ignore-all lint/suspicious/noArrayIndexKey: rows edited in place have no identity but their place
'use client';

import { useEffect, useRef } from 'react';
import type { PreviewAnswer } from '@/lib/api/changes';
import type { ReviewChange, ReviewState } from '@/lib/client/preview';
import { isOutcomeUnknown, OUTCOME_UNKNOWN } from '@/lib/client/write-outcome';
import type { FieldProblem } from '@/lib/mesh/errors';
import { ExportChange } from './export-change';
import { usePlacedProblems } from './field-problems';
import { SmallButton } from './fields';

function DiffView({ diff }: { diff: string }) {
  // The file header lines say nothing a person needs here; the hunks do.
  const lines = diff.split('\n').filter((line) => !/^(Index:|={5,}|--- |\+\+\+ )/.test(line));
  return (
    <pre
      data-testid="yaml-diff"
      className="max-h-80 overflow-auto rounded border border-slate-200 bg-slate-50 p-1.5 font-mono text-[11px] leading-4"
    >
      {lines.map((line, index) => (
        <div
          key={index}
          className={
            line.startsWith('+')
              ? 'bg-emerald-50 text-emerald-900'
              : line.startsWith('-')
                ? 'bg-red-50 text-red-900'
                : line.startsWith('@@')
                  ? 'text-slate-400'
                  : 'text-slate-700'
          }
        >
          {line || ' '}
        </div>
      ))}
    </pre>
  );
}

interface Refusal {
  status?: number;
  lock?: unknown;
}

/** Who refused, in a few words: a conflict says what it conflicts with. */
function refusalTitle(change: ReviewChange, status: number, details: Refusal): string {
  if (status === 409) {
    if (change.kind === 'CreateObject') return `${change.target.kind} ${change.target.name} already exists`;
    if (details.lock) return 'Another controller owns this object';
    return 'Someone else changed this object';
  }
  return details.status !== undefined ? 'The API server refused this change' : 'Weir refused this change';
}

/** The refusal's field problems: each at its field when a field on screen shows it, else here. */
function FieldProblemList({ problems }: { problems: FieldProblem[] }) {
  const placed = usePlacedProblems();
  if (problems.length === 0) return null;
  return (
    <ul data-testid="refusal-fields" className="flex list-disc flex-col gap-0.5 pl-4 text-red-900">
      {problems.map((problem) => (
        <li key={`${problem.path} ${problem.message}`} className="break-words">
          <span className="font-mono text-[11px]">{problem.path}</span>
          {placed(problem) ? ' — marked above, where it was entered' : `: ${problem.message}`}
        </li>
      ))}
    </ul>
  );
}

/** What Apply will do, in words: a delete removes, a create creates, an edit writes onto a version. */
function applyWords(change: ReviewChange, preview: PreviewAnswer): string {
  const { kind, namespace, name } = change.target;
  if (change.kind === 'DeleteObject') {
    return `Apply deletes ${kind} ${namespace}/${name}${preview.resourceVersion ? ` at version ${preview.resourceVersion}` : ''}.`;
  }
  if (change.kind === 'CreateObject') return `Apply creates ${kind} ${namespace}/${name} exactly as shown.`;
  if (change.kind === 'ChangeSet') {
    return `Apply writes these ${change.changes.length} objects exactly as shown, in this order, as one change: if one is refused, those written before it are taken back.`;
  }
  return preview.resourceVersion
    ? `Apply writes exactly this onto version ${preview.resourceVersion}.`
    : 'Apply writes exactly this.';
}

interface ReviewProps {
  state: ReviewState;
  onApply: () => void;
  onBack: () => void;
}

/** The preview of a change (routing summary above the YAML diff) with Apply, or why it was refused. */
export function ReviewPanel({ state, onApply, onBack }: ReviewProps) {
  const top = useRef<HTMLDivElement>(null);
  const placed = usePlacedProblems();
  // The form above is hidden while reviewing (and shown again, marked, on a refusal): bring
  // the review or the refusal into view.
  useEffect(() => {
    if (state.step !== 'idle') top.current?.scrollIntoView({ block: 'nearest' });
  }, [state.step]);
  // A refusal marked at a field: that field is where the person fixes it, so it comes into
  // view (and an input takes the focus); the panel says the rest.
  const marked = state.step === 'refused' ? state.error.fields.filter(placed).length : 0;
  useEffect(() => {
    if (marked === 0) return;
    const field = top.current?.parentElement?.querySelector<HTMLElement>(
      'input[aria-invalid="true"], .cm-lintRange-error, [data-field-problem]',
    );
    field?.scrollIntoView({ block: 'center' });
    if (field instanceof HTMLInputElement) field.focus({ preventScroll: true });
  }, [marked]);
  if (state.step === 'idle') return null;
  return (
    <div ref={top} className="scroll-mt-2">
      <ReviewBody state={state} onApply={onApply} onBack={onBack} />
    </div>
  );
}

function ReviewBody({ state, onApply, onBack }: ReviewProps) {
  if (state.step === 'idle') return null;
  if (state.step === 'applied') {
    return (
      <p
        role="status"
        data-testid="review-applied"
        className="rounded bg-emerald-50 px-2 py-1.5 text-xs text-emerald-900"
      >
        Applied: {state.summary}
      </p>
    );
  }
  if (state.step === 'previewing') {
    return <p className="text-xs text-slate-500">Checking the change with a dry run…</p>;
  }
  if (state.step === 'refused' && isOutcomeUnknown(state.error)) {
    // Sent and never answered: not a refusal, and nothing may be said to be unwritten.
    return (
      <section
        data-testid="review-unknown"
        role="alert"
        className="flex flex-col gap-2 rounded border border-amber-300 bg-amber-50 p-2 text-xs"
      >
        <h3 className="font-semibold text-amber-900">{OUTCOME_UNKNOWN}</h3>
        <p className="whitespace-pre-wrap break-words font-mono text-[11px] text-amber-900">
          {state.error.message}
        </p>
        <div>
          <SmallButton onClick={onBack}>Back to editing</SmallButton>
        </div>
      </section>
    );
  }
  if (state.step === 'refused') {
    const details = (state.error.details ?? {}) as Refusal;
    return (
      <section
        data-testid="review-refused"
        className="flex flex-col gap-2 rounded border border-red-300 bg-red-50 p-2 text-xs"
      >
        <h3 className="font-semibold text-red-800">
          {refusalTitle(state.change, state.error.status, details)}: nothing was written
        </h3>
        <p
          data-testid="refusal-message"
          className="whitespace-pre-wrap break-words font-mono text-[11px] text-red-900"
        >
          {state.error.message}
        </p>
        <FieldProblemList problems={state.error.fields} />
        <div>
          <SmallButton onClick={onBack}>Back to editing</SmallButton>
        </div>
      </section>
    );
  }
  const { preview, change } = state;
  const applying = state.step === 'applying';
  const lifecycle =
    change.kind === 'CreateObject' || change.kind === 'DeleteObject' || change.kind === 'ChangeSet';
  return (
    <section
      aria-label="Review the change"
      data-testid="review-panel"
      className="flex flex-col gap-2 rounded border border-sky-300 bg-sky-50/50 p-2"
    >
      <h3 className="text-[11px] font-medium uppercase tracking-wide text-slate-600">Review before apply</h3>
      {state.step === 'review' && state.note && (
        <p className="rounded bg-amber-50 px-2 py-1 text-xs text-amber-900">{state.note}</p>
      )}
      <ul
        data-testid="review-summary"
        className="flex list-disc flex-col gap-0.5 pl-4 text-xs text-slate-900"
      >
        {(preview.changes.length > 0 ? preview.changes : ['no change']).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {/* A create's or delete's summary already lists each finding it brings, with its object. */}
      {preview.warnings.length > 0 && !lifecycle && (
        <ul className="flex flex-col gap-0.5 text-xs text-amber-800">
          {preview.warnings.map((w) => (
            <li key={`${w.code}${w.path}${w.message}`}>warning: {w.message}</li>
          ))}
        </ul>
      )}
      <DiffView diff={preview.diff} />
      <p data-testid="apply-words" className="text-[11px] text-slate-500">
        Checked by a dry run{preview.rebased ? ' against a newer version than your screen showed' : ''}.{' '}
        {applyWords(state.change, preview)}
      </p>
      <div className="flex gap-2">
        <SmallButton tone="primary" onClick={onApply} disabled={applying || preview.changes.length === 0}>
          {applying ? 'Applying…' : 'Apply'}
        </SmallButton>
        <SmallButton onClick={onBack} disabled={applying}>
          Back to editing
        </SmallButton>
      </div>
      {preview.changes.length > 0 && !lifecycle && (
        <ExportChange change={change} resourceVersion={preview.resourceVersion} />
      )}
    </section>
  );
}
