import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as signIn } from '@/app/api/auth/sign-in/route';
import { POST as signOut } from '@/app/api/auth/sign-out/route';
import { POST as postChange } from '@/app/api/changes/route';
import { GET as getEvents } from '@/app/api/events/route';
import { POST as postExport } from '@/app/api/export/route';
import { GET as getFindings } from '@/app/api/findings/route';
import { GET as getGraph } from '@/app/api/graph/route';
import { GET as getSession } from '@/app/api/session/route';
import { GET as getSnapshot } from '@/app/api/snapshot/route';
import { applyManifests } from '@/lib/kube/apply-manifests';
import { kubeRequest } from '@/lib/kube/request';
import { canaryVirtualService, createTestNamespace, kubeConfigAs } from '@/tools/test/kube';
import { sessionCookieOf } from '@/tools/test/sign-in';
import { tokenOf, useTestCluster, weirRequest } from '@/tools/test/weir-routes';
import { until } from '../../../tools/test/until';
import { closeStore, getStore } from '../store';

const service = (namespace: string, name: string) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace },
  spec: { selector: { app: name }, ports: [{ name: 'http', port: 80 }] },
});

/** Reads an SSE body until `stop` says so or the time is up; returns everything read. */
async function readStream(response: Response, stop: (text: string) => boolean, ms = 8_000): Promise<string> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !stop(text)) {
    const chunk = await Promise.race([
      reader.read(),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), deadline - Date.now())),
    ]);
    if (!chunk || chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
  }
  await reader.cancel().catch(() => {});
  return text;
}

describe('what a signed-in person may see and change (WEIR_AUTH=token, Weir as `weir`)', () => {
  let visible: string;
  let hidden: string;
  const admin = () => kubeConfigAs('admin');
  const sessions: Partial<Record<'outsider' | 'auditor' | 'operator', string>> = {};

  const signInAs = async (user: 'outsider' | 'auditor' | 'operator') => {
    sessions[user] = await sessionCookieOf(user);
    return sessions[user] as string;
  };
  const vsPath = (ns: string, name: string) =>
    `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices/${name}`;

  beforeAll(async () => {
    useTestCluster('token');
    visible = await createTestNamespace('seen');
    hidden = await createTestNamespace('unseen');
    await applyManifests(admin(), [
      service(visible, 'reviews'),
      service(hidden, 'secret'),
      canaryVirtualService(visible, 'reviews'),
      canaryVirtualService(hidden, 'secret'),
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'outsider-reads', namespace: visible },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'weir-reader' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'oscar.outsider' }],
      },
    ]);
    const { store } = await getStore();
    await until('both namespaces in the cache', () =>
      Boolean(
        store.get({ kind: 'VirtualService', namespace: visible, name: 'reviews' }) &&
          store.get({ kind: 'VirtualService', namespace: hidden, name: 'secret' }),
      ),
    );
    await signInAs('outsider');
    await signInAs('auditor');
    await signInAs('operator');
  });
  afterAll(async () => {
    await closeStore();
  });

  it('answers 401 to a request without a session', async () => {
    const response = await getSnapshot(weirRequest('/api/snapshot'));
    expect(response.status).toBe(401);
  });

  it('refuses a token the cluster does not accept, and creates no session', async () => {
    const response = await signIn(
      weirRequest('/api/auth/sign-in', { method: 'POST', body: { token: 'not-a-token' } }),
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('keeps the token on the server: the browser gets an opaque httpOnly, SameSite=Strict cookie', async () => {
    const response = await signIn(
      weirRequest('/api/auth/sign-in', { method: 'POST', body: { token: tokenOf('outsider') } }),
    );
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(tokenOf('outsider'));
    expect(JSON.stringify(await response.json())).not.toContain(tokenOf('outsider'));
  });

  it('shows the outsider only the namespace it may list, over snapshot, graph and findings', async () => {
    const cookie = sessions.outsider as string;
    const snapshot = await (await getSnapshot(weirRequest('/api/snapshot', { cookie }))).json();
    const keys = Object.keys(snapshot.objects);
    expect(keys).toContain(`VirtualService/${visible}/reviews`);
    expect(keys).toContain(`Namespace//${visible}`);
    expect(keys.filter((key) => !key.includes(`/${visible}`))).toEqual([]);

    for (const [route, path] of [
      [getGraph, '/api/graph'],
      [getFindings, '/api/findings'],
      [getGraph, `/api/graph?namespace=${hidden}`],
      [getFindings, `/api/findings?namespace=${hidden}`],
    ] as const) {
      const response = await route(weirRequest(path, { cookie }));
      expect(response.status).toBe(200);
      expect(await response.text()).not.toContain(hidden);
    }
    const graph = await (await getGraph(weirRequest('/api/graph', { cookie }))).text();
    expect(graph).toContain(`vs:${visible}/reviews`);
  });

  it('does not export an object of the hidden namespace to the outsider', async () => {
    const exportOf = (namespace: string, name: string) =>
      postExport(
        weirRequest('/api/export', {
          method: 'POST',
          cookie: sessions.outsider,
          body: {
            change: {
              kind: 'SetWeights',
              target: { kind: 'VirtualService', namespace, name },
              routeKind: 'http',
              routeIndex: 0,
              weights: [50, 50],
            },
            resourceVersion: '1',
          },
        }),
      );
    const hiddenAnswer = await exportOf(hidden, 'secret');
    expect(hiddenAnswer.status).toBe(404);
    expect(await hiddenAnswer.text()).not.toMatch(/hosts|spec/);
  });

  it("never streams the hidden namespace's events to the outsider", async () => {
    const cookie = sessions.outsider as string;
    const { store } = await getStore();
    const after = store.snapshot().sequence;
    const controller = new AbortController();
    const response = await getEvents(
      new Request(`http://weir.test/api/events?after=${after}`, {
        headers: { cookie },
        signal: controller.signal,
      }),
    );
    expect(response.status).toBe(200);
    // The hidden namespace changes first, so its events would come before the visible one's.
    await applyManifests(admin(), [canaryVirtualService(hidden, 'secret', [50, 50])]);
    await applyManifests(admin(), [canaryVirtualService(hidden, 'secret-two', [50, 50])]);
    await applyManifests(admin(), [canaryVirtualService(visible, 'reviews', [60, 40])]);
    const text = await readStream(response, (seen) => seen.includes(`VirtualService/${visible}/reviews`));
    controller.abort();
    expect(text).toContain(`VirtualService/${visible}/reviews`);
    expect(text).not.toContain(hidden);
  });

  it("streams the auditor (who may list everywhere) both namespaces' events", async () => {
    const cookie = sessions.auditor as string;
    const { store } = await getStore();
    const after = store.snapshot().sequence;
    const controller = new AbortController();
    const response = await getEvents(
      new Request(`http://weir.test/api/events?after=${after}`, {
        headers: { cookie },
        signal: controller.signal,
      }),
    );
    await applyManifests(admin(), [canaryVirtualService(hidden, 'secret', [40, 60])]);
    const text = await readStream(response, (seen) => seen.includes(`VirtualService/${hidden}/secret`));
    controller.abort();
    expect(text).toContain(`VirtualService/${hidden}/secret`);
  });

  it('tells each person where they may change routing', async () => {
    const outsider = await (
      await getSession(weirRequest('/api/session', { cookie: sessions.outsider }))
    ).json();
    expect(outsider).toMatchObject({
      user: 'oscar.outsider',
      auth: 'token',
      readOnly: true,
      writableNamespaces: [],
    });
    expect(outsider.readOnlyReason).toMatch(/may view but not change routing/);
    const auditor = await (
      await getSession(weirRequest('/api/session', { cookie: sessions.auditor }))
    ).json();
    expect(auditor).toMatchObject({ user: 'arthur.auditor', readOnly: true, signOut: true });
    const operator = await (
      await getSession(weirRequest('/api/session', { cookie: sessions.operator }))
    ).json();
    expect(operator).toMatchObject({ user: 'olivia.operator', readOnly: false, writableNamespaces: 'all' });
    expect(JSON.stringify([outsider, auditor, operator])).not.toMatch(
      new RegExp(`${tokenOf('operator')}|${tokenOf('auditor')}`),
    );
  });

  it("refuses the auditor's crafted POST with 403, and writes nothing", async () => {
    const before = await kubeRequest<{ metadata: { resourceVersion: string } }>(admin(), {
      method: 'GET',
      path: vsPath(visible, 'reviews'),
    });
    const response = await postChange(
      weirRequest('/api/changes', {
        method: 'POST',
        cookie: sessions.auditor,
        body: {
          change: {
            kind: 'SetWeights',
            target: { kind: 'VirtualService', namespace: visible, name: 'reviews' },
            routeKind: 'http',
            routeIndex: 0,
            weights: [0, 100],
          },
          resourceVersion: before.metadata.resourceVersion,
        },
      }),
    );
    expect(response.status).toBe(403);
    expect((await response.json()).error.message).toMatch(/arthur.auditor may view but not change routing/);
    const after = await kubeRequest<{ metadata: { resourceVersion: string } }>(admin(), {
      method: 'GET',
      path: vsPath(visible, 'reviews'),
    });
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it('refuses a state-changing request without the CSRF header, even from a signed-in operator', async () => {
    const change = {
      change: {
        kind: 'SetWeights',
        target: { kind: 'VirtualService', namespace: visible, name: 'reviews' },
        routeKind: 'http',
        routeIndex: 0,
        weights: [0, 100],
      },
      resourceVersion: '1',
    };
    const noHeader = await postChange(
      weirRequest('/api/changes', { method: 'POST', cookie: sessions.operator, csrf: false, body: change }),
    );
    expect(noHeader.status).toBe(403);
    expect((await noHeader.json()).error.message).toMatch(/x-weir-csrf/);
    const crossSite = await postChange(
      weirRequest('/api/changes', {
        method: 'POST',
        cookie: sessions.operator,
        body: change,
        headers: { origin: 'https://evil.example' },
      }),
    );
    expect(crossSite.status).toBe(403);
    const signOutForged = await signOut(
      weirRequest('/api/auth/sign-out', { method: 'POST', cookie: sessions.operator, csrf: false }),
    );
    expect(signOutForged.status).toBe(403);
  });

  it('ends the server session on sign-out: the cookie no longer opens anything', async () => {
    const cookie = await signInAs('outsider');
    expect((await getSnapshot(weirRequest('/api/snapshot', { cookie }))).status).toBe(200);
    const response = await signOut(weirRequest('/api/auth/sign-out', { method: 'POST', cookie }));
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await getSnapshot(weirRequest('/api/snapshot', { cookie }))).status).toBe(401);
  });
});
