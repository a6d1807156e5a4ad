'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ApiError } from '@/lib/client/api-error';
import {
  dismissWriteStatus,
  reloadAfterConflict,
  useChangeMutation,
  useWriteStatus,
} from '@/lib/client/change-mutation';
import type { RouteKey } from '@/lib/client/route-key';
import { OUTCOME_UNKNOWN } from '@/lib/client/write-outcome';
import { applyChange, type MeshChange } from '@/lib/mesh/changes';

/** How long "saved" stays on screen. */
const SAVED_MS = 2000;

/** "saving…", "saved" or the error of the writes to one route, with what can be done about it. */
export function WriteStatusNote({
  route,
  compact = false,
  explain = true,
}: {
  route: RouteKey;
  compact?: boolean;
  /** Compact only: whether this one opens the error's message (one per route is enough). */
  explain?: boolean;
}) {
  const status = useWriteStatus(route);
  const [, setTick] = useState(0);
  const savedAt = status?.state === 'saved' ? status.at : undefined;

  useEffect(() => {
    if (savedAt === undefined) return;
    const timer = setTimeout(() => setTick((tick) => tick + 1), Math.max(0, savedAt + SAVED_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [savedAt]);

  if (!status) return null;
  if (status.state === 'saving') {
    if (compact) return <Mark text="saving…" glyph="⋯" className="text-slate-500" />;
    return <span className="text-[11px] text-slate-500">saving…</span>;
  }
  if (status.state === 'saved') {
    if (Date.now() - status.at > SAVED_MS) return null;
    if (compact) return <Mark text="saved" glyph="✓" className="text-emerald-700" />;
    return (
      <span className="text-[11px] text-emerald-700">
        {status.rebased ? 'saved (on a newer version)' : 'saved'}
      </span>
    );
  }

  if (status.state === 'unknown') return <UnknownOutcome route={route} compact={compact} explain={explain} />;

  const conflict = status.error.status === 409 && status.error.details !== undefined;
  const message = (
    <span role="alert" className="flex items-start gap-1.5 text-[11px] text-red-700">
      <span className="min-w-0 flex-1 break-words">{status.error.message}</span>
      {conflict && <ReloadAndRetry route={route} error={status.error} change={status.change} />}
      <button
        type="button"
        aria-label="Dismiss"
        className="nodrag nopan shrink-0 text-red-500 hover:text-red-800"
        onClick={() => dismissWriteStatus(route)}
      >
        ×
      </button>
    </span>
  );
  if (!compact) return message;
  const word = <Mark text="failed" glyph="✕" className="font-semibold text-red-700" />;
  if (!explain) return word;
  // On an edge the message opens below the label, over the canvas, so the label keeps its size.
  return (
    <>
      {word}
      <span className="absolute top-full right-0 z-20 mt-1 w-64 rounded-md border border-red-200 bg-white p-2 shadow-lg">
        {message}
      </span>
    </>
  );
}

/**
 * A status on an edge label, as one glyph named by its words (for screen readers, and on hover):
 * the label is 84 px wide, and beside a share and a problem badge a word ran over the share.
 */
function Mark({ text, glyph, className }: { text: string; glyph: string; className: string }) {
  return (
    <span role="img" aria-label={text} title={text} className={`text-[11px] leading-none ${className}`}>
      {glyph}
    </span>
  );
}

/** A write sent and never answered: maybe applied. Said in amber, never as "failed". */
function UnknownOutcome({
  route,
  compact,
  explain,
}: {
  route: RouteKey;
  compact: boolean;
  explain: boolean;
}) {
  const message = (
    <span
      role="alert"
      data-testid="write-unknown"
      className="flex items-start gap-1.5 text-[11px] text-amber-900"
    >
      <span className="min-w-0 flex-1 break-words">{OUTCOME_UNKNOWN}</span>
      <button
        type="button"
        aria-label="Dismiss"
        className="nodrag nopan shrink-0 text-amber-600 hover:text-amber-900"
        onClick={() => dismissWriteStatus(route)}
      >
        ×
      </button>
    </span>
  );
  if (!compact) return message;
  const word = <Mark text="outcome unknown" glyph="?" className="font-semibold text-amber-700" />;
  if (!explain) return word;
  return (
    <>
      {word}
      <span className="absolute top-full right-0 z-20 mt-1 w-64 rounded-md border border-amber-200 bg-white p-2 shadow-lg">
        {message}
      </span>
    </>
  );
}

/**
 * After a conflict the server could not resolve: take the version someone else wrote, and
 * send the refused change again against it when it still fits (same destinations).
 */
function ReloadAndRetry({ route, error, change }: { route: RouteKey; error: ApiError; change: MeshChange }) {
  const queryClient = useQueryClient();
  const { mutate } = useChangeMutation();
  return (
    <button
      type="button"
      className="nodrag nopan shrink-0 font-medium underline"
      onClick={() => {
        const current = reloadAfterConflict(queryClient, error);
        dismissWriteStatus(route);
        if (!current?.metadata.resourceVersion) return;
        try {
          applyChange(current, change);
        } catch {
          return;
        }
        mutate({ change, resourceVersion: current.metadata.resourceVersion });
      }}
    >
      Reload and retry
    </button>
  );
}
