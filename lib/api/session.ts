import type { SyncStatus } from '../mesh/types';

/** How a person is identified (WEIR_AUTH). */
export type AuthStrategy = 'local' | 'token' | 'oidc' | 'header';

/** GET /api/session: who is looking, and what they may do. */
export interface SessionAnswer {
  user: string;
  groups: string[];
  auth: AuthStrategy;
  /** True when the person may change nothing at all (see writableNamespaces for where they may). */
  readOnly: boolean;
  readOnlyReason?: string;
  /** Where the person may change routing: every namespace, or these (among those they see). */
  writableNamespaces: string[] | 'all';
  /** A sign-out ends a server-side session (token, oidc). */
  signOut: boolean;
  backend: SyncStatus['backend'];
  demo: boolean;
  source: string;
}

/** POST /api/auth/sign-in (WEIR_AUTH=token). */
export interface SignInRequest {
  token: string;
}

export interface SignInAnswer {
  user: string;
}

/** POST /api/auth/sign-out. */
export interface SignOutAnswer {
  /** False when there was no server-side session to end. */
  signedOut: boolean;
}

/** GET /api/session/create-access?kind=ReferenceGrant&namespace=…: whether the person may create it there. */
export interface CreateAccessAnswer {
  kind: 'ReferenceGrant';
  namespace: string;
  allowed: boolean;
  /** Why not, when not. */
  reason?: string;
}
