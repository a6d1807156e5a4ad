import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as callback } from '@/app/api/auth/oidc/callback/route';
import { GET as start } from '@/app/api/auth/oidc/start/route';
import { POST as signOut } from '@/app/api/auth/sign-out/route';
import { POST as postChange } from '@/app/api/changes/route';
import { GET as getSession } from '@/app/api/session/route';
import { GET as getSnapshot } from '@/app/api/snapshot/route';
import { applyManifests } from '@/lib/kube/apply-manifests';
import { kubeRequest } from '@/lib/kube/request';
import { UnauthorizedError, UnavailableError } from '@/lib/mesh/errors';
import { OIDC_CLIENT_IDS } from '@/tools/cluster/oidc-provider';
import { canaryVirtualService, createTestNamespace, kubeConfigAs } from '@/tools/test/kube';
import { testOidc, useTestOidc } from '@/tools/test/oidc';
import { loginAtProvider } from '@/tools/test/oidc-login';
import { useTestCluster, weirRequest } from '@/tools/test/weir-routes';
import { until } from '../../../tools/test/until';
import { closeStore, getStore } from '../store';
import { readOidcConfig } from './oidc-config';
import { liveOidcSession } from './oidc-session';
import { readSessionId } from './session-cookie';
import { tokenSessions } from './token-sessions';

/** The cookie of a given name among a response's Set-Cookie headers, as `name=value`. */
function cookieNamed(response: Response, name: string): string {
  const set = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`));
  return set?.split(';')[0] ?? '';
}

/** The whole code flow over plain HTTP: Weir's start route, the provider's login form, Weir's callback. */
async function signIn(login: string, next = '/') {
  const begun = await start(weirRequest(`/api/auth/oidc/start?next=${encodeURIComponent(next)}`));
  expect(begun.status).toBe(303);
  const flow = cookieNamed(begun, 'weir_oidc_flow');
  expect(begun.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Lax; Max-Age=600/);
  const back = await loginAtProvider(begun.headers.get('location') ?? '', login);
  const answer = await callback(weirRequest(`${back.pathname}${back.search}`, { cookie: flow }));
  return { answer, session: cookieNamed(answer, 'weir_session'), begun, back, flow };
}

function weightsChange(ns: string, resourceVersion: string, weights: number[]) {
  return {
    change: {
      kind: 'SetWeights',
      target: { kind: 'VirtualService', namespace: ns, name: 'reviews' },
      routeKind: 'http',
      routeIndex: 0,
      weights,
    },
    resourceVersion,
  };
}

describe('WEIR_AUTH=oidc against the local OpenID provider and a real API server', () => {
  let ns: string;
  const vsPath = () => `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices/reviews`;
  const current = () =>
    kubeRequest<{
      metadata: { resourceVersion: string; managedFields?: Array<{ manager: string }> };
      spec: { http: Array<{ route: Array<{ weight: number }> }> };
    }>(kubeConfigAs('admin'), { method: 'GET', path: vsPath() });

  beforeAll(async () => {
    useTestCluster('oidc');
    ns = await createTestNamespace('oidc');
    await applyManifests(kubeConfigAs('admin'), [canaryVirtualService(ns, 'reviews')]);
    const { store } = await getStore();
    await until('the VirtualService reviews in the cache', () =>
      store.get({ kind: 'VirtualService', namespace: ns, name: 'reviews' }),
    );
  });
  afterAll(async () => {
    await closeStore();
  });

  describe.each(['token', 'impersonate'] as const)('WEIR_OIDC_MODE=%s', (mode) => {
    beforeAll(() => {
      useTestOidc(mode);
    });

    it('signs the operator in: a server-side session, then routing listed and changed as her', async () => {
      const { answer, session } = await signIn('olivia@weir.test', `/?namespace=${ns}`);
      expect(answer.status).toBe(200);
      expect(await answer.text()).toContain(`url=/?namespace=${ns}`);
      expect(answer.headers.get('set-cookie')).toMatch(
        /weir_session=[\w-]+; Path=\/; HttpOnly; SameSite=Strict/,
      );
      // The browser holds only the random session id, never a token.
      expect(session).toMatch(/^weir_session=[\w-]{40,}$/);

      const who = await (await getSession(weirRequest('/api/session', { cookie: session }))).json();
      // In token mode the API server adds system:authenticated.
      expect(who.groups).toContain('oidc:weir-operators');
      expect(who).toMatchObject({
        user: 'oidc:olivia@weir.test',
        auth: 'oidc',
        writableNamespaces: 'all',
        signOut: true,
      });
      const snapshot = await (await getSnapshot(weirRequest('/api/snapshot', { cookie: session }))).json();
      expect(Object.keys(snapshot.objects)).toContain(`VirtualService/${ns}/reviews`);

      const before = await current();
      const weights = mode === 'token' ? [70, 30] : [60, 40];
      const written = await postChange(
        weirRequest('/api/changes', {
          method: 'POST',
          cookie: session,
          body: weightsChange(ns, before.metadata.resourceVersion, weights),
        }),
      );
      expect(written.status).toBe(200);
      expect((await current()).spec.http[0]?.route.map((r) => r.weight)).toEqual(weights);
    });

    it('lets an auditor read but refuses her writes with 403, writing nothing', async () => {
      const { session } = await signIn('arthur@weir.test');
      const who = await (await getSession(weirRequest('/api/session', { cookie: session }))).json();
      expect(who.groups).toContain('oidc:weir-auditors');
      expect(who).toMatchObject({ user: 'oidc:arthur@weir.test', readOnly: true });
      const snapshot = await (await getSnapshot(weirRequest('/api/snapshot', { cookie: session }))).json();
      expect(Object.keys(snapshot.objects)).toContain(`VirtualService/${ns}/reviews`);

      const before = await current();
      const refused = await postChange(
        weirRequest('/api/changes', {
          method: 'POST',
          cookie: session,
          body: weightsChange(ns, before.metadata.resourceVersion, [1, 99]),
        }),
      );
      expect(refused.status).toBe(403);
      expect((await current()).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    });

    it('shows a person in no group nothing', async () => {
      const { session } = await signIn('nora');
      const snapshot = await (await getSnapshot(weirRequest('/api/snapshot', { cookie: session }))).json();
      expect(Object.keys(snapshot.objects)).toEqual([]);
    });
  });

  describe('the session', () => {
    beforeAll(() => {
      useTestOidc('token');
    });

    it('renews an expired ID token with the refresh token, and asks for sign-in again without one', async () => {
      const { session } = await signIn('olivia@weir.test');
      const held = await tokenSessions().get(readSessionId(weirRequest('/', { cookie: session })));
      if (!held?.oidc) throw new Error('no OIDC session was opened');
      expect(held.oidc.refreshToken).toBeTruthy();
      held.oidc.expiresAt = Date.now() - 1_000;
      const [a, b] = await Promise.all([
        getSnapshot(weirRequest('/api/snapshot', { cookie: session })),
        getSnapshot(weirRequest('/api/snapshot', { cookie: session })),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(held.oidc.expiresAt).toBeGreaterThan(Date.now() + 60_000);

      held.oidc = { ...held.oidc, expiresAt: Date.now() - 1_000, refreshToken: undefined };
      const expired = await getSnapshot(weirRequest('/api/snapshot', { cookie: session }));
      expect(expired.status).toBe(401);
      expect((await expired.json()).error.details).toEqual({ signIn: '/sign-in' });
    });

    it('keeps the session when the API server cannot answer during renewal, ends it when it refuses', async () => {
      const { session } = await signIn('olivia@weir.test');
      const id = readSessionId(weirRequest('/', { cookie: session }));
      const held = await tokenSessions().get(id);
      if (!held?.oidc) throw new Error('no OIDC session was opened');
      held.oidc.expiresAt = Date.now() - 1_000;
      const unreachable = async (): Promise<never> => {
        throw new UnavailableError('cannot reach the API server');
      };
      await expect(liveOidcSession(readOidcConfig(), id, unreachable)).rejects.toMatchObject({
        code: 'Unavailable',
      });
      expect(await tokenSessions().get(id)).toBe(held);
      expect((await getSnapshot(weirRequest('/api/snapshot', { cookie: session }))).status).toBe(200);

      held.oidc.expiresAt = Date.now() - 1_000;
      const refused = async (): Promise<never> => {
        throw new UnauthorizedError('the token is not accepted');
      };
      await expect(liveOidcSession(readOidcConfig(), id, refused)).rejects.toMatchObject({
        code: 'Unauthorized',
      });
      expect(await tokenSessions().get(id)).toBeUndefined();
      expect((await getSnapshot(weirRequest('/api/snapshot', { cookie: session }))).status).toBe(401);
    });

    it('sign-out ends the session on the server (the old cookie gets 401) and revokes the refresh token', async () => {
      const { session } = await signIn('olivia@weir.test');
      const held = await tokenSessions().get(readSessionId(weirRequest('/', { cookie: session })));
      const refreshToken = held?.oidc?.refreshToken;
      if (!refreshToken) throw new Error('the provider gave no refresh token');
      const out = await signOut(
        weirRequest('/api/auth/sign-out', { method: 'POST', cookie: session, body: {} }),
      );
      expect(await out.json()).toEqual({ signedOut: true });
      expect((await getSnapshot(weirRequest('/api/snapshot', { cookie: session }))).status).toBe(401);
      // Nor will the provider renew it.
      const { issuer, clientId, clientSecret } = testOidc();
      const refresh = async () => {
        const answer = await fetch(`${issuer}/token`, {
          method: 'POST',
          body: new URLSearchParams({
            grant_type: 'refresh_token',
            refresh_token: refreshToken,
            client_id: clientId,
            client_secret: clientSecret,
          }),
        });
        return ((await answer.json()) as { error?: string }).error;
      };
      await expect.poll(refresh).toBe('invalid_grant');
    });

    it('answers 401 with the way to sign in when there is no session', async () => {
      const answer = await getSnapshot(weirRequest('/api/snapshot'));
      expect(answer.status).toBe(401);
      expect((await answer.json()).error.message).toBe('sign in with Weir Test ID first');
    });
  });

  describe('refused sign-ins go to the sign-in page with a reason', () => {
    beforeAll(() => {
      useTestOidc('token');
    });

    it('the person cancels at the provider: access_denied, back to where they were going', async () => {
      const begun = await start(weirRequest('/api/auth/oidc/start?next=/history'));
      const back = await loginAtProvider(begun.headers.get('location') ?? '', 'olivia', { cancel: true });
      expect(back.searchParams.get('error')).toBe('access_denied');
      const answer = await callback(
        weirRequest(`${back.pathname}${back.search}`, { cookie: cookieNamed(begun, 'weir_oidc_flow') }),
      );
      expect(answer.status).toBe(303);
      expect(answer.headers.get('location')).toBe('/sign-in?error=access_denied&next=%2Fhistory');
      expect(cookieNamed(answer, 'weir_session')).toBe('');
    });

    it('a callback in another browser (no flow cookie) or with another state opens no session', async () => {
      const begun = await start(weirRequest('/api/auth/oidc/start'));
      const back = await loginAtProvider(begun.headers.get('location') ?? '', 'olivia');
      const elsewhere = await callback(weirRequest(`${back.pathname}${back.search}`));
      expect(elsewhere.headers.get('location')).toBe('/sign-in?error=flow_expired');

      const again = await start(weirRequest('/api/auth/oidc/start'));
      const returned = await loginAtProvider(again.headers.get('location') ?? '', 'olivia');
      returned.searchParams.set('state', 'forged');
      const forged = await callback(
        weirRequest(`${returned.pathname}${returned.search}`, {
          cookie: cookieNamed(again, 'weir_oidc_flow'),
        }),
      );
      expect(forged.headers.get('location')).toBe('/sign-in?error=flow_expired');
      expect(cookieNamed(forged, 'weir_session')).toBe('');
    });

    it('in token mode, a client whose ID tokens the API server does not accept is told as such', async () => {
      process.env.WEIR_OIDC_CLIENT_ID = OIDC_CLIENT_IDS.untrusted;
      delete process.env.WEIR_OIDC_CLIENT_SECRET;
      try {
        const { answer } = await signIn('olivia@weir.test');
        expect(answer.headers.get('location')).toBe('/sign-in?error=cluster_rejected');
        expect(cookieNamed(answer, 'weir_session')).toBe('');
      } finally {
        useTestOidc('token');
      }
    });

    it('a next address on another site is never followed', async () => {
      for (const next of ['//evil.example/steal', '/.//evil.example/steal']) {
        const { answer } = await signIn('olivia', next);
        expect(await answer.text()).toContain('url=/"');
      }
    });

    it('a broken configuration is reported, not a stack trace', async () => {
      const saved = process.env.WEIR_OIDC_ISSUER;
      process.env.WEIR_OIDC_ISSUER = 'http://id.example.com';
      try {
        const answer = await getSnapshot(weirRequest('/api/snapshot'));
        expect(answer.status).toBe(503);
        expect((await answer.json()).error.details.problems).toEqual([
          'WEIR_OIDC_ISSUER must use https (or http on localhost): "http://id.example.com"',
        ]);
        const begun = await start(weirRequest('/api/auth/oidc/start'));
        expect(begun.headers.get('location')).toBe('/sign-in');
      } finally {
        process.env.WEIR_OIDC_ISSUER = saved;
      }
    });
  });
});
