import {
  type QueryClient,
  type UseMutationOptions,
  useMutation,
  useMutationState,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useMemo, useSyncExternalStore } from 'react';
import type { ChangeRequest as ApiChangeRequest, ChangeAnswer } from '../api/changes';
import type { MeshChange } from '../mesh/changes';
import { isWeightsChange } from '../mesh/changes/weights-change';
import { objectKey } from '../mesh/object-key';
import type { MeshObject, MeshSnapshot, ObjectKey, StoredObject } from '../mesh/types';
import { ApiError, isApiError } from './api-error';
import { apiFetch } from './api-fetch';
import { OwnWrites } from './own-writes';
import { withObject, withPendingChanges } from './pending-changes';
import { SNAPSHOT_KEY, snapshotQuery } from './queries';
import { type RouteKey, routeKeyOfChange } from './route-key';
import { isOutcomeUnknown } from './write-outcome';
import { type WriteStatus, WriteStatusStore } from './write-status';

/** What the browser asks the server to write: a change and the version it was made against. */
export interface ChangeRequest {
  change: MeshChange;
  resourceVersion: string;
}

const CHANGE_KEY = ['change'] as const;
const writeStatuses = new WriteStatusStore();
const ownWrites = new OwnWrites();

/** The version this browser's own writes have led to from `version` (the pending overlay's base). */
function reachedByOwnWrites(key: ObjectKey, version: string): string {
  return ownWrites.latest(key, version);
}

/** A version the stream brings that this browser's own later writes already replaced (see applyEvent). */
export function supersededByOwnWrites(key: string, held: string, incoming: string): boolean {
  return ownWrites.latest(key as ObjectKey, incoming) === held;
}

/**
 * A newer weight change to the same route is queued behind this one: this one's weights would
 * be overwritten at once, so it is not sent (a drag then costs one write per round trip at
 * most). Only weights supersede weights: adding or removing a destination, or any other
 * change, is always sent.
 */
function supersededBy(queryClient: QueryClient, request: ChangeRequest): boolean {
  const queued = queryClient
    .getMutationCache()
    .findAll({ mutationKey: CHANGE_KEY, status: 'pending' })
    .map((mutation) => mutation.state.variables as ChangeRequest);
  return supersededInQueue(queued, request);
}

/**
 * Whether a weights change to the same route of the same object is queued after `request`
 * (the route's key names the object, kind and all: an HTTPRoute and a GRPCRoute may share a name)
 * with no other change to that object between them. Routes are addressed by position: after a
 * route is moved, added or removed, `http[0]` may be another route, and a later write to it
 * must not swallow this one.
 */
export function supersededInQueue(queued: readonly ChangeRequest[], request: ChangeRequest): boolean {
  if (!isWeightsChange(request.change)) return false;
  const route = routeKeyOfChange(request.change);
  const object = objectKey(request.change.target);
  const index = queued.indexOf(request);
  if (index < 0) return false;
  for (const later of queued.slice(index + 1)) {
    if (objectKey(later.change.target) !== object) continue;
    if (!isWeightsChange(later.change)) return false;
    if (routeKeyOfChange(later.change) === route) return true;
  }
  return false;
}

/**
 * Writes a change. The screen shows it at once (see useMeshView) and the route says
 * "saving…"; the server's object replaces ours on success; on failure the change simply
 * stops being shown and the route keeps the error. A write whose outcome is unknown (sent,
 * never answered) is no failure: the route says so and the snapshot is read again. Writes
 * run one after another.
 */
export function useChangeMutation() {
  const queryClient = useQueryClient();
  return useMutation<ChangeAnswer | undefined, ApiError, ChangeRequest>(
    useMemo(() => changeMutationOptions(queryClient), [queryClient]),
  );
}

/**
 * The same object for every render: useMutation hands new options to its observer after each
 * render, and each hand-over tells the whole mutation cache (every pending-change reader
 * scans it). Every slider on the canvas holds one, and a drag re-rendered them at pointer speed.
 */
function changeMutationOptions(queryClient: QueryClient) {
  return {
    mutationKey: CHANGE_KEY,
    scope: { id: 'mesh-change' },
    retry: false,
    // "Saving…" is told a microtask later: the render it starts then follows the request out
    // (mutationFn runs one microtask after onMutate; a render queued first would run first).
    onMutate: (request) => queueMicrotask(() => writeStatuses.begin(routeKeyOfChange(request.change))),
    mutationFn: async (request) => {
      if (supersededBy(queryClient, request)) return undefined;
      const key = objectKey(request.change.target);
      const resourceVersion = ownWrites.latest(key, request.resourceVersion);
      const response = await apiFetch<ChangeAnswer>('/api/changes', {
        method: 'POST',
        body: { change: request.change, resourceVersion } satisfies ApiChangeRequest,
      });
      const written = response.object.metadata.resourceVersion;
      if (written && !response.rebased) ownWrites.record(key, resourceVersion, written);
      return response;
    },
    onSuccess: (response, request) => {
      if (response) {
        queryClient.setQueryData<MeshSnapshot>(
          SNAPSHOT_KEY,
          (snapshot) => snapshot && withObject(snapshot, response.object),
        );
      }
      writeStatuses.succeed(routeKeyOfChange(request.change), response?.rebased ?? false);
    },
    onError: (error, request) => {
      const apiError = isApiError(error) ? error : new ApiError('Unavailable', 0, String(error));
      const route = routeKeyOfChange(request.change);
      if (!isOutcomeUnknown(apiError)) {
        writeStatuses.fail(route, apiError, request.change);
        return;
      }
      // Maybe applied: not a refusal. Read what Weir holds now; the stream brings the rest.
      writeStatuses.unknown(route, apiError, request.change);
      void queryClient.invalidateQueries({ queryKey: SNAPSHOT_KEY });
    },
  } satisfies UseMutationOptions<ChangeAnswer | undefined, ApiError, ChangeRequest>;
}

/** The snapshot with every change still being written applied: what the screen draws. */
export function useMeshView(enabled = true): MeshSnapshot | undefined {
  const { data } = useQuery({ ...snapshotQuery(), enabled });
  const pending = useMutationState({
    filters: { mutationKey: CHANGE_KEY, status: 'pending' },
    select: (mutation) => mutation.state.variables as ChangeRequest,
  });
  return useMemo(() => data && withPendingChanges(data, pending, reachedByOwnWrites), [data, pending]);
}

/**
 * One object as the screen shows it now: the cached object with this browser's changes still
 * being written applied, and the version those changes are sent against.
 */
export function viewedObject(queryClient: QueryClient, key: ObjectKey): StoredObject | undefined {
  const data = queryClient.getQueryData<MeshSnapshot>(SNAPSHOT_KEY);
  if (!data?.objects[key]) return undefined;
  const pending = queryClient
    .getMutationCache()
    .findAll({ mutationKey: CHANGE_KEY, status: 'pending' })
    .map((mutation) => mutation.state.variables as ChangeRequest)
    .filter((request) => objectKey(request.change.target) === key);
  // Only this object: the whole map copied on every pointer move of a drag cost O(mesh).
  const one = { ...data, objects: { [key]: data.objects[key] } };
  return withPendingChanges(one, pending, reachedByOwnWrites).objects[key];
}

/** The write status of one route: saving, saved (with when), the error, or outcome unknown. */
export function useWriteStatus(route: RouteKey): WriteStatus | undefined {
  return useSyncExternalStore(
    writeStatuses.subscribe,
    () => writeStatuses.get(route),
    () => undefined,
  );
}

export function dismissWriteStatus(route: RouteKey): void {
  writeStatuses.dismiss(route);
}

/** Shows on a route why a change to it was not even sent. */
export function refuseChange(change: MeshChange, error: ApiError): void {
  writeStatuses.fail(routeKeyOfChange(change), error, change);
}

/**
 * After a 409: takes the server's current object into the cache (the screen shows it) and
 * says whether the refused change still fits it, so it can be sent again against it.
 */
export function reloadAfterConflict(queryClient: QueryClient, error: ApiError): MeshObject | undefined {
  const current = (error.details as { current?: MeshObject } | undefined)?.current;
  if (!current) return undefined;
  queryClient.setQueryData<MeshSnapshot>(
    SNAPSHOT_KEY,
    (snapshot) => snapshot && withObject(snapshot, current),
  );
  return current;
}
