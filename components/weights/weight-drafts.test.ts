import { afterEach, describe, expect, it, vi } from 'vitest';
import { routeAddressKey } from '@/lib/mesh/route-address';
import {
  drawn,
  dropDraft,
  dropIfStale,
  isReleased,
  RELEASE_WAIT_MS,
  releaseDraft,
  releasedDrafts,
  weightDrafts,
} from './weight-drafts';

const KEY = 'VirtualService/shop/catalog/http/0';

afterEach(() => {
  weightDrafts.set(KEY, undefined);
  releasedDrafts.set(KEY, undefined);
  vi.useRealTimers();
});

describe('a landed draft', () => {
  it('stays until every edge of the route draws its weights, not only the one the step left alone', () => {
    const draft = [69, 31, 0];
    weightDrafts.set(KEY, draft);
    releaseDraft(KEY, draft);
    // The edges still draw the weights before the write: only the untouched third matches.
    drawn(KEY, 0, 70);
    drawn(KEY, 1, 30);
    drawn(KEY, 2, 0);
    expect(weightDrafts.get(KEY)).toBe(draft);
    drawn(KEY, 0, 69);
    drawn(KEY, 1, 31);
    expect(weightDrafts.get(KEY)).toBeUndefined();
    expect(releasedDrafts.get(KEY)).toBeUndefined();
  });

  it('goes after a while when its edges are not drawn (off screen, or a share rounded otherwise)', () => {
    vi.useFakeTimers();
    const draft = [50, 50];
    weightDrafts.set(KEY, draft);
    releaseDraft(KEY, draft);
    vi.advanceTimersByTime(RELEASE_WAIT_MS - 1);
    expect(weightDrafts.get(KEY)).toBe(draft);
    vi.advanceTimersByTime(1);
    expect(weightDrafts.get(KEY)).toBeUndefined();
  });

  it('leaves a newer draft (the next step) alone', () => {
    vi.useFakeTimers();
    const first = [69, 31];
    const next = [68, 32];
    weightDrafts.set(KEY, first);
    releaseDraft(KEY, first);
    weightDrafts.set(KEY, next);
    drawn(KEY, 0, 69);
    drawn(KEY, 1, 31);
    vi.advanceTimersByTime(RELEASE_WAIT_MS);
    expect(weightDrafts.get(KEY)).toBe(next);
    // A release of an older draft than the one held does nothing either.
    releaseDraft(KEY, first);
    expect(releasedDrafts.get(KEY)).toBeUndefined();
  });

  it('goes at once when its write failed', () => {
    const draft = [10, 90];
    weightDrafts.set(KEY, draft);
    dropDraft(KEY, draft);
    expect(weightDrafts.get(KEY)).toBeUndefined();
  });

  it('goes at once when the route as written now holds other weights (someone else, an undo, a new destination)', () => {
    const draft = [69, 31];
    weightDrafts.set(KEY, draft);
    releaseDraft(KEY, draft);
    dropIfStale(KEY, [69, 31]);
    expect(weightDrafts.get(KEY)).toBe(draft);
    dropIfStale(KEY, [90, 10]);
    expect(weightDrafts.get(KEY)).toBeUndefined();

    const three = [50, 50];
    weightDrafts.set(KEY, three);
    releaseDraft(KEY, three);
    dropIfStale(KEY, [50, 50, 0]);
    expect(weightDrafts.get(KEY)).toBeUndefined();
  });

  it('is shown, but a gesture starts from the route as written (isReleased), while a draft in flight is not', () => {
    const inFlight = [60, 40];
    weightDrafts.set(KEY, inFlight);
    expect(isReleased(KEY)).toBe(false);
    releaseDraft(KEY, inFlight);
    expect(isReleased(KEY)).toBe(true);
    weightDrafts.set(KEY, [61, 39]);
    expect(isReleased(KEY)).toBe(false);
  });
});

describe('drafts of two routes that differ only by kind', () => {
  it("an HTTPRoute's draft is never its GRPCRoute namesake's, nor is its release", () => {
    const ref = { namespace: 'shop', name: 'frontend' };
    const http = routeAddressKey({ ref: { kind: 'HTTPRoute', ...ref }, routeKind: 'rules', routeIndex: 0 });
    const grpc = routeAddressKey({ ref: { kind: 'GRPCRoute', ...ref }, routeKind: 'rules', routeIndex: 0 });
    const draft = [80, 20];
    weightDrafts.set(http, draft);
    releaseDraft(http, draft);
    try {
      expect(weightDrafts.get(grpc)).toBeUndefined();
      expect(isReleased(grpc)).toBe(false);
      // The GRPCRoute's edges drawing other weights never drop the HTTPRoute's draft.
      dropIfStale(grpc, [50, 50]);
      expect(weightDrafts.get(http)).toBe(draft);
    } finally {
      dropDraft(http, draft);
    }
  });
});
