'use client';

import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useId,
  useMemo,
  useSyncExternalStore,
} from 'react';
import { createListeners } from '@/lib/client/external-store';
import { draftOf, pathId, under } from '@/lib/client/field-problems';
import type { ReviewState } from '@/lib/client/preview';
import { deepEqual } from '@/lib/mesh/deep-equal';
import type { FieldProblem } from '@/lib/mesh/errors';
import type { Path } from './path-form';
import { getPath } from './set-path';

/** Which problems a form shows at a field right now (by path id), per form on screen. */
class Placements {
  readonly #byForm = new Map<string, string[]>();
  readonly #listeners = createListeners();
  #placed: ReadonlySet<string> = new Set();

  get = (): ReadonlySet<string> => this.#placed;

  subscribe = this.#listeners.subscribe;

  report(form: string, ids: string[]): void {
    if ((this.#byForm.get(form) ?? []).join('\n') === ids.join('\n')) return;
    if (ids.length > 0) this.#byForm.set(form, ids);
    else this.#byForm.delete(form);
    this.#placed = new Set([...this.#byForm.values()].flat());
    this.#listeners.notify();
  }
}

interface Refused {
  base: Path;
  sent: unknown;
  problems: ReadonlyMap<string, string>;
  /** Each problem's path relative to the draft, for a view that finds its own places (YAML). */
  paths: Path[];
}

const NOTHING_PLACED: ReadonlySet<string> = new Set();
const Context = createContext<{ refused?: Refused; placements?: Placements }>({});

/**
 * Carries a refusal's field problems (the API server's causes, Weir's own checks) to the form
 * that drafted the refused change, so each is said next to its field; the review panel lists
 * those no field on screen shows.
 */
export function FieldProblemsProvider({ state, children }: { state: ReviewState; children: ReactNode }) {
  const placements = useMemo(() => new Placements(), []);
  const refusal = state.step === 'refused' ? state : undefined;
  const value = useMemo(() => {
    const draft = refusal && draftOf(refusal.change);
    if (!refusal || !draft || refusal.error.fields.length === 0) return { placements };
    const problems = new Map<string, string>();
    const paths: Path[] = [];
    for (const problem of refusal.error.fields) {
      const id = pathId(problem.path);
      const relative = under(problem.path, draft.base);
      if (relative && !problems.has(id)) paths.push(relative);
      problems.set(id, problems.has(id) ? `${problems.get(id)}; ${problem.message}` : problem.message);
    }
    return { placements, refused: { base: draft.base, sent: draft.sent, problems, paths } };
  }, [refusal, placements]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/**
 * For a form over the draft: the refusal's message for the field at `path` (relative to the
 * draft), while the field still holds the value that was refused. A form calls it for each
 * field it lays out; the fields it showed a problem at are reported after render. `paths`
 * lists every refused path under the draft, for a view that places them itself.
 */
export function useFieldProblems(
  value: unknown,
  /** Where `value` sits in the draft, for a part of a form (a route's destinations: `['route']`). */
  at: Path = [],
): {
  problemAt: (path: Path) => string | undefined;
  paths: readonly Path[];
} {
  const { refused, placements } = useContext(Context);
  const form = useId();
  const shown: string[] = [];
  useEffect(() => placements?.report(form, shown));
  useEffect(() => () => placements?.report(form, []), [form, placements]);
  const problemAt = (path: Path) => {
    if (!refused) return undefined;
    const id = pathId([...refused.base, ...at, ...path]);
    const message = refused.problems.get(id);
    if (!message || !deepEqual(getPath(refused.sent, [...at, ...path]), getPath(value, path)))
      return undefined;
    shown.push(id);
    return message;
  };
  const prefix = at.map(String);
  const paths = (refused?.paths ?? [])
    .filter((path) => prefix.every((part, i) => String(path[i]) === part))
    .map((path) => path.slice(prefix.length));
  return { problemAt, paths };
}

/** Whether a field problem (by its path in the object) is shown at its field on screen. */
export function usePlacedProblems(): (problem: FieldProblem) => boolean {
  const { placements } = useContext(Context);
  const placed = useSyncExternalStore(
    placements?.subscribe ?? noSubscription,
    placements?.get ?? nothingPlaced,
    nothingPlaced,
  );
  return (problem) => placed.has(pathId(problem.path));
}

const noSubscription = () => () => {};
const nothingPlaced = () => NOTHING_PLACED;

/**
 * A row's refused fields, said under the row across its width (for rows of narrow columns,
 * such as a route's destinations, where the words would not fit under the field).
 */
export function RowProblems({ problems }: { problems: Array<[label: string, message: string | undefined]> }) {
  const said = problems.filter((problem): problem is [string, string] => problem[1] !== undefined);
  if (said.length === 0) return null;
  return (
    <ul role="alert" data-field-problem className="col-span-full text-[11px] text-red-700">
      {said.map(([label, message]) => (
        <li key={label}>
          {label}: {message}
        </li>
      ))}
    </ul>
  );
}
