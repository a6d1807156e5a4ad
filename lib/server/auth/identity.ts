import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { kubeConfigFor } from '../../kube/kube-config';
import { toMeshError } from '../../kube/status-error';
import { reviewSelf, type UserInfo } from '../../kube/who-am-i';
import { ForbiddenError, UnauthorizedError, UnavailableError } from '../../mesh/errors';
import type { Actor } from '../../store/types';
import { type AuthStrategy, readConfig } from '../config';
import type { StoreHandle } from '../store';
import { readHeaderAuthConfig } from './auth-config';
import { liveOidcSession, requireOidcConfig } from './oidc-session';
import { isReservedName } from './reserved-names';
import { readSessionId } from './session-cookie';
import { tokenAccessKey, tokenSessions } from './token-sessions';

/** Who is asking, and how Weir acts for them. */
export interface Session {
  user: string;
  groups?: string[];
  /** How the person was identified (absent in sessions built by hand in tests: local). */
  strategy?: AuthStrategy;
  /** Who reads and writes are made as; undefined: Weir's own credential (the local strategy). */
  actor?: Actor;
  /** This person's key in the access-review cache (never a credential). */
  accessKey?: string;
  /** The server-side session (token and oidc strategies), ended by sign-out. */
  sessionId?: string;
}

const LOCAL_NAME_TTL_MS = 60_000;
const localNames = new WeakMap<object, { name: Promise<string>; expires: number }>();

/**
 * The person behind a request, by the configured strategy (WEIR_AUTH):
 * - `local`: the identity of Weir's own kubeconfig (or the folder's owner); no sign-in.
 * - `token`: the server-side session the httpOnly cookie names; 401 without one.
 * - `header`: the user and groups a trusted authenticating proxy put in the request; Weir
 *   impersonates them. 401 when the proxy sent no user.
 * - `oidc`: the server-side session a sign-in at the OpenID provider opened (code flow with
 *   PKCE; see oidc-session.ts), named by the same cookie; 401 without one. WEIR_OIDC_MODE=token
 *   acts with the person's ID token (the API server must trust the issuer), `impersonate` with
 *   Weir's credential impersonating the claimed user and groups. An ID token about to expire is
 *   renewed with the refresh token, else the person signs in again (401).
 */
export async function resolveSession(handle: StoreHandle, request?: Request): Promise<Session> {
  const { auth } = readConfig();
  switch (auth) {
    case 'local':
      return { user: await localName(handle), strategy: 'local', accessKey: 'local' };
    case 'token':
      return await tokenSession(handle, request);
    case 'header':
      return headerSession(handle, request);
    case 'oidc':
      return oidcSession(handle, request);
  }
}

function localName({ store }: StoreHandle): Promise<string> {
  const now = Date.now();
  const held = localNames.get(store);
  if (held && held.expires > now) return held.name;
  const name = store.whoAmI().catch(() => 'local user');
  localNames.set(store, { name, expires: now + LOCAL_NAME_TTL_MS });
  return name;
}

function requireCluster(handle: StoreHandle, strategy: AuthStrategy): void {
  if (!handle.kube) {
    throw new UnavailableError(
      `WEIR_AUTH=${strategy} needs a Kubernetes cluster (KUBECONFIG, WEIR_CONTEXT or in-cluster); a folder of manifests has no identities`,
    );
  }
}

async function tokenSession(handle: StoreHandle, request: Request | undefined): Promise<Session> {
  requireCluster(handle, 'token');
  const session = request ? await tokenSessions().get(readSessionId(request)) : undefined;
  if (!session) throw new UnauthorizedError('sign in with a Kubernetes token first', { signIn: '/sign-in' });
  return {
    user: session.user,
    groups: session.groups,
    strategy: 'token',
    actor: { token: session.token, name: session.user },
    accessKey: tokenAccessKey(session.token),
    sessionId: session.id,
  };
}

async function oidcSession(handle: StoreHandle, request: Request | undefined): Promise<Session> {
  requireCluster(handle, 'oidc');
  const oidc = requireOidcConfig();
  const held = await liveOidcSession(oidc, request && readSessionId(request), (token) =>
    verifyToken(handle, token),
  );
  const { user, groups } = held;
  return oidc.mode === 'token'
    ? {
        user,
        groups,
        strategy: 'oidc',
        actor: { token: held.token, name: user },
        accessKey: tokenAccessKey(held.token),
        sessionId: held.id,
      }
    : {
        user,
        groups,
        strategy: 'oidc',
        actor: { impersonate: { user, groups }, name: user },
        accessKey: `oidc:${JSON.stringify([user, groups])}`,
        sessionId: held.id,
      };
}

function headerSession(handle: StoreHandle, request: Request | undefined): Session {
  requireCluster(handle, 'header');
  const { userHeader, groupsHeader, proxySecret } = readHeaderAuthConfig();
  if (proxySecret && !sameSecret(request?.headers.get('x-weir-proxy-secret') ?? '', proxySecret)) {
    throw new UnauthorizedError('this request did not come through the authenticating proxy');
  }
  const user = request?.headers.get(userHeader)?.trim();
  if (!user) {
    throw new UnauthorizedError(
      `the authenticating proxy sent no ${userHeader} header: Weir cannot tell who you are`,
    );
  }
  const groups = (request?.headers.get(groupsHeader) ?? '')
    .split(',')
    .map((group) => group.trim())
    .filter(Boolean)
    .sort();
  // Refused rather than dropped: a proxy that sends these is misconfigured or bypassed.
  const reserved = [user, ...groups].find(isReservedName);
  if (reserved !== undefined) {
    throw new ForbiddenError(
      `${JSON.stringify(reserved)} is in Kubernetes' reserved system: space: Weir impersonates no user or group there`,
    );
  }
  return {
    user,
    groups,
    strategy: 'header',
    actor: { impersonate: { user, groups }, name: user },
    accessKey: `header:${JSON.stringify([user, groups])}`,
  };
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Who the API server says a bearer token belongs to; 401 when it accepts no such token. */
export async function verifyToken(handle: StoreHandle, token: string): Promise<UserInfo> {
  requireCluster(handle, 'token');
  const kube = handle.kube as NonNullable<StoreHandle['kube']>;
  try {
    return await reviewSelf(kubeConfigFor(kube, { token }));
  } catch (error) {
    const mapped = toMeshError(error);
    if (mapped.code === 'Unauthorized') throw new UnauthorizedError('the cluster does not accept this token');
    throw mapped;
  }
}
