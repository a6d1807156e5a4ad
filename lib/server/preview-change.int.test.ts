import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canaryVirtualService, createTestNamespace, kubeConfigAs } from '../../tools/test/kube';
import { until } from '../../tools/test/until';
import { applyManifests } from '../kube/apply-manifests';
import { kubeRequest } from '../kube/request';
import { ConflictError, InvalidError } from '../mesh/errors';
import type { HTTPRoute } from '../mesh/types';
import { createKubeStore } from '../store/kube/kube-store';
import { errorResponse } from './http-errors';
import { previewChange } from './preview-change';
import { RecentVersions } from './recent-versions';
import type { StoreHandle } from './store';
import { submitChange } from './submit-change';

interface RawVs {
  metadata: { resourceVersion: string };
  spec: { http: Array<Record<string, unknown>> };
}

describe('previewing a routing change against the local API server', () => {
  let handle: StoreHandle;
  let ns: string;
  const session = { user: 'olivia.operator' };
  const ref = (name: string) => ({ kind: 'VirtualService' as const, namespace: ns, name });
  const path = (name: string) => `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices/${name}`;
  const read = (name: string) =>
    kubeRequest<RawVs>(kubeConfigAs('admin'), { method: 'GET', path: path(name) });
  const create = async (name: string) => {
    await applyManifests(kubeConfigAs('admin'), [canaryVirtualService(ns, name, [90, 10])]);
    const { resourceVersion } = (await read(name)).metadata;
    await until(
      `${name}@${resourceVersion} in the cache`,
      () => handle.store.get(ref(name))?.metadata.resourceVersion === resourceVersion,
    );
    return resourceVersion;
  };
  // The test namespace has no Services: a new route to one would be refused by the rules.
  const jason = (_name: string): HTTPRoute => ({
    match: [{ headers: { 'end-user': { exact: 'jason' } } }],
    directResponse: { status: 200, body: { string: 'hello jason' } },
  });

  beforeAll(async () => {
    ns = await createTestNamespace('preview');
    const store = createKubeStore({ kc: kubeConfigAs('operator') });
    await store.start();
    handle = { store, versions: new RecentVersions(store) };
  });
  afterAll(async () => {
    await handle.store.stop();
  });

  it('shows the result, a routing summary and a diff, and writes nothing', async () => {
    const version = await create('ab');
    const change = {
      kind: 'AddRoute' as const,
      target: ref('ab'),
      routeKind: 'http' as const,
      index: 0,
      route: jason('ab'),
    };
    const preview = await previewChange(handle, session, { change, resourceVersion: version });
    expect(preview.changes).toEqual(['new route http[0] for header end-user=jason → answer 200']);
    expect(preview.summary).toBe('ab: new route http[0] for header end-user=jason → answer 200');
    expect(preview.diff).toContain('+    - match:');
    expect(preview.resourceVersion).toBe(version);
    expect((await read('ab')).spec.http).toHaveLength(1);

    const applied = await submitChange(handle, session, { change, resourceVersion: version, exact: true });
    expect(applied.object.spec).toMatchObject({ http: [jason('ab'), {}] });
  });

  it('passes on the API server’s own refusal verbatim (strict field validation)', async () => {
    const version = await create('strict');
    const change = {
      kind: 'SetRoute' as const,
      target: ref('strict'),
      routeKind: 'http' as const,
      routeIndex: 0,
      route: { ...jason('strict'), notAField: true } as HTTPRoute,
    };
    const refused = previewChange(handle, session, { change, resourceVersion: version });
    await expect(refused).rejects.toThrow(InvalidError);
    await expect(refused).rejects.toThrow(/unknown field "spec\.http\[0\]\.notAField"/);
    expect((await read('strict')).metadata.resourceVersion).toBe(version);
  });

  it('names the field Istio refuses (a timeout under 1ms, which Weir’s admission rules now catch before the API server’s CEL rule), and writes nothing', async () => {
    const version = await create('cel');
    const change = {
      kind: 'SetRoute' as const,
      target: ref('cel'),
      routeKind: 'http' as const,
      routeIndex: 0,
      route: { ...jason('cel'), timeout: '0s' },
    };
    const refusal = await previewChange(handle, session, { change, resourceVersion: version }).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(InvalidError);
    const expected = [
      {
        path: 'spec.http[0].timeout',
        message: 'duration must be greater than 1ms',
      },
    ];
    expect((refusal as InvalidError).fields).toEqual(expected);
    const body = (await errorResponse(refusal).json()) as { error: { code: string; fields: unknown } };
    expect(body.error).toMatchObject({ code: 'Invalid', fields: expected });
    expect((await read('cel')).metadata.resourceVersion).toBe(version);
  });

  it('an exact apply onto a version that moved on is a conflict, and nothing is written', async () => {
    const version = await create('moved');
    const raw = await read('moved');
    raw.spec.http[0] = { ...raw.spec.http[0], timeout: '3s' };
    await kubeRequest(kubeConfigAs('admin'), { method: 'PUT', path: path('moved'), body: raw });
    const change = {
      kind: 'RemoveRoute' as const,
      target: ref('moved'),
      routeKind: 'http' as const,
      routeIndex: 0,
    };
    await expect(
      submitChange(handle, session, { change, resourceVersion: version, exact: true }),
    ).rejects.toThrow(ConflictError);
    expect((await read('moved')).spec.http).toHaveLength(1);
  });
});
