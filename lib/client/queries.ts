import { queryOptions } from '@tanstack/react-query';
import type { MeshSnapshot, ObjectKey } from '../mesh/types';
import { apiFetch } from './api-fetch';

/** Who is looking, and at what (GET /api/session). */
export interface Session {
  user: string;
  /** True when the person may change nothing at all (see writableNamespaces for where they may). */
  readOnly: boolean;
  readOnlyReason?: string;
  backend: 'kube' | 'files';
  demo: boolean;
  source: string;
  groups?: string[];
  /** How the person was identified (WEIR_AUTH). */
  auth?: 'local' | 'token' | 'header' | 'oidc';
  /** Where the person may change routing: every namespace, or these. */
  writableNamespaces?: string[] | 'all';
  /** A sign-out ends a server-side session (the token strategy). */
  signOut?: boolean;
}

export const SNAPSHOT_KEY = ['snapshot'] as const;

/** Everything the store holds; kept current by the live event stream, not by refetching. */
export function snapshotQuery() {
  return queryOptions({
    queryKey: SNAPSHOT_KEY,
    queryFn: ({ signal }) => apiFetch<MeshSnapshot>('/api/snapshot', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

/** The routing as it was at a past time (GET /api/snapshot?at=), read-only. */
export interface PastSnapshot extends MeshSnapshot {
  at: string;
  /** Objects changed since whose earlier spec was not recorded: shown as they are now. */
  approximate: ObjectKey[];
  /** False when more changes were recorded since than one answer reads. */
  complete: boolean;
}

/** A past point in time: its own key, so the live stream never patches it. */
export function snapshotAtQuery(at: string) {
  return queryOptions({
    queryKey: ['snapshot-at', at] as const,
    queryFn: ({ signal }) => apiFetch<PastSnapshot>(`/api/snapshot?at=${encodeURIComponent(at)}`, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    enabled: at !== '',
  });
}

export function sessionQuery() {
  return queryOptions({
    queryKey: ['session'] as const,
    queryFn: ({ signal }) => apiFetch<Session>('/api/session', { signal }),
    staleTime: 60_000,
  });
}
