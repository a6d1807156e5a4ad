import type { MeshChange } from '../mesh/changes';
import type { ApiError } from './api-error';
import { createListeners } from './external-store';
import type { RouteKey } from './route-key';

/** What the screen says about the writes to one route. */
export type WriteStatus =
  | { state: 'saving' }
  | { state: 'saved'; at: number; rebased: boolean }
  | { state: 'error'; error: ApiError; change: MeshChange }
  /** Sent, never answered: it may have been applied. Not a refusal (see isOutcomeUnknown). */
  | { state: 'unknown'; error: ApiError; change: MeshChange };

/**
 * Write status per route, outside React so that each edge can subscribe to its own route
 * only (one lookup per edge per update, however many edges there are).
 */
export class WriteStatusStore {
  readonly #statuses = new Map<RouteKey, WriteStatus>();
  readonly #inFlight = new Map<RouteKey, number>();
  readonly #listeners = createListeners();

  get = (key: RouteKey): WriteStatus | undefined => this.#statuses.get(key);

  subscribe = this.#listeners.subscribe;

  begin(key: RouteKey): void {
    this.#inFlight.set(key, (this.#inFlight.get(key) ?? 0) + 1);
    this.#set(key, { state: 'saving' });
  }

  succeed(key: RouteKey, rebased: boolean, now = Date.now()): void {
    if (this.#finish(key) === 0) this.#set(key, { state: 'saved', at: now, rebased });
  }

  /** An error stays on screen until the next write to the route or until dismissed. */
  fail(key: RouteKey, error: ApiError, change: MeshChange): void {
    this.#finish(key);
    this.#set(key, { state: 'error', error, change });
  }

  /** A write whose outcome is unknown: said as such, never as a failure. Kept like an error. */
  unknown(key: RouteKey, error: ApiError, change: MeshChange): void {
    this.#finish(key);
    this.#set(key, { state: 'unknown', error, change });
  }

  dismiss(key: RouteKey): void {
    if (this.#statuses.delete(key)) this.#emit();
  }

  #finish(key: RouteKey): number {
    const left = Math.max(0, (this.#inFlight.get(key) ?? 1) - 1);
    if (left === 0) this.#inFlight.delete(key);
    else this.#inFlight.set(key, left);
    return left;
  }

  #set(key: RouteKey, status: WriteStatus): void {
    this.#statuses.set(key, status);
    this.#emit();
  }

  #emit(): void {
    this.#listeners.notify();
  }
}
