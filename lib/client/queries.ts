import { queryOptions } from '@tanstack/react-query';
import type { MeshSnapshot } from '../mesh/types';
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

export function sessionQuery() {
  return queryOptions({
    queryKey: ['session'] as const,
    queryFn: ({ signal }) => apiFetch<Session>('/api/session', { signal }),
    staleTime: 60_000,
  });
}
