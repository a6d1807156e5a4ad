import { createKeyedStore } from './keyed-store';

/**
 * Weights under a person's finger, per route, before the write that carries them is done.
 * Every edge of the route and the inspector show them, so linked weights move together
 * at pointer speed while writes go out at a few per second.
 */
export const weightDrafts = createKeyedStore<readonly number[]>();

/**
 * Drafts whose write has landed, waiting for the canvas to draw what they hold. The canvas's
 * edges take their weights one render after the view (React Flow's edges are set in an
 * effect), and a write answered faster than the view had caught up with it (20–30 ms at
 * 10,000 VirtualServices) let the edge fall back, for that render, to the weights before it:
 * a key step then started from them, repeated the last step, and nothing was written.
 */
export const releasedDrafts = createKeyedStore<readonly number[]>();

/** How long a released draft waits for its edges (a route drawn nowhere, a share rounded otherwise). */
export const RELEASE_WAIT_MS = 1_000;

/**
 * The write of `draft` landed: the draft goes once an edge of the route draws its weights
 * (`drawn`), or after RELEASE_WAIT_MS. A newer draft (the next step) is left alone.
 */
export function releaseDraft(key: string, draft: readonly number[]): void {
  if (weightDrafts.get(key) !== draft) return;
  releasedDrafts.set(key, draft);
  setTimeout(() => drop(key, draft), RELEASE_WAIT_MS);
}

/** The write of `draft` failed: the weights as they are show at once. */
export function dropDraft(key: string, draft: readonly number[]): void {
  drop(key, draft);
}

/**
 * An edge of the route draws `weight` at `index`. A released draft goes once every one of its
 * weights is drawn so: one edge alone proves nothing (a weight the step left as it was is
 * drawn before the view catches up).
 */
export function drawn(key: string, index: number, weight: number): void {
  const draft = releasedDrafts.get(key);
  if (!draft || draft[index] !== weight) return;
  const seen = confirmed.get(draft) ?? new Set<number>();
  confirmed.set(draft, seen.add(index));
  if (seen.size === draft.length) drop(key, draft);
}

/**
 * The route as written now (`fresh`: the cache with writes under way) no longer holds a
 * released draft's weights — someone else's change, an undo, a destination added — so the
 * draft goes at once rather than hide it for up to RELEASE_WAIT_MS.
 */
export function dropIfStale(key: string, fresh: readonly number[] | undefined): void {
  const draft = releasedDrafts.get(key);
  if (draft && !(fresh && fresh.length === draft.length && fresh.every((w, i) => w === draft[i])))
    drop(key, draft);
}

/** Whether the route's draft is one whose write has landed (shown only until drawn). */
export function isReleased(key: string): boolean {
  const draft = weightDrafts.get(key);
  return draft !== undefined && releasedDrafts.get(key) === draft;
}

/** The indexes of a released draft its edges have drawn. */
const confirmed = new WeakMap<readonly number[], Set<number>>();

function drop(key: string, draft: readonly number[]): void {
  if (releasedDrafts.get(key) === draft) releasedDrafts.set(key, undefined);
  if (weightDrafts.get(key) === draft) weightDrafts.set(key, undefined);
}
