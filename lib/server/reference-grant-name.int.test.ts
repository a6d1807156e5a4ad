import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNamespace, kubeConfigAs } from '../../tools/test/kube';
import { until } from '../../tools/test/until';
import { applyManifests } from '../kube/apply-manifests';
import { kubeRequest } from '../kube/request';
import { grantNamesIn, nextGrantName, referenceGrantFor } from '../mesh/reference-grant-template';
import type { MeshObject } from '../mesh/types';
import { createKubeStore } from '../store/kube/kube-store';
import { validate } from '../validate';
import { NAME_TRIES, previewLifecycleChange, submitLifecycleChange } from './create-delete';
import { RecentVersions } from './recent-versions';
import type { StoreHandle } from './store';

// "Create ReferenceGrant" where a ReferenceGrant of the name Weir would choose is already in the
// target namespace, written by someone else for something else: Weir picks the next free name,
// previews and creates that, and the other grant is left exactly as it was.
describe('a ReferenceGrant created from the graph, beside one of the same name', () => {
  let operator: StoreHandle;
  let shop: string;
  let pay: string;
  const session = { user: 'olivia.operator' };
  const grantsPath = (ns: string) =>
    `/apis/gateway.networking.k8s.io/v1beta1/namespaces/${ns}/referencegrants`;
  const theirSpec = () => ({
    from: [{ group: 'gateway.networking.k8s.io', kind: 'GRPCRoute', namespace: 'elsewhere' }],
    to: [{ group: '', kind: 'Service', name: 'other' }],
  });

  beforeAll(async () => {
    shop = await createTestNamespace('grant-shop');
    pay = await createTestNamespace('grant-pay');
    await applyManifests(kubeConfigAs('admin'), [
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'cart-v2', namespace: pay },
        spec: { ports: [{ name: 'http', port: 8080 }], selector: { app: 'cart' } },
      },
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'cart', namespace: shop },
        spec: { rules: [{ backendRefs: [{ name: 'cart-v2', namespace: pay, port: 8080 }] }] },
      },
      // Someone else's grant, under the name Weir would choose first.
      {
        apiVersion: 'gateway.networking.k8s.io/v1beta1',
        kind: 'ReferenceGrant',
        metadata: { name: `allow-${shop}-httproutes`, namespace: pay },
        spec: theirSpec(),
      },
    ]);
    const store = createKubeStore({ kc: kubeConfigAs('operator') });
    await store.start();
    // As Weir serves it: access asked of the API server for the verb (create), as the person.
    operator = { store, versions: new RecentVersions(store), kube: kubeConfigAs('operator') };
    await until(
      'the route and the other grant in the cache',
      () =>
        operator.store.get({ kind: 'HTTPRoute', namespace: shop, name: 'cart' }) &&
        operator.store.get({ kind: 'ReferenceGrant', namespace: pay, name: `allow-${shop}-httproutes` }),
    );
  });
  afterAll(async () => {
    await operator.store.stop();
  });

  it('previews and creates the grant under the next free name; the other grant is untouched', async () => {
    const before = operator.store.snapshot();
    const refused = validate(before).filter((f) => f.code === 'GWAPI_REFERENCE_NOT_PERMITTED');
    expect(refused.map((f) => f.path)).toEqual(['spec.rules[0].backendRefs[0]']);
    const route = operator.store.get({ kind: 'HTTPRoute', namespace: shop, name: 'cart' }) as MeshObject;
    const grant = referenceGrantFor(route, 'spec.rules[0].backendRefs[0]', grantNamesIn(before.objects));
    expect(grant?.metadata).toEqual({ name: `allow-${shop}-httproutes-2`, namespace: pay });
    if (!grant) return;
    const change = {
      kind: 'CreateObject' as const,
      target: { kind: 'ReferenceGrant' as const, namespace: pay, name: grant.metadata.name },
      object: grant,
    };

    const preview = await previewLifecycleChange(operator, session, { change });
    expect(preview.summary).toBe(`${pay}/allow-${shop}-httproutes-2: ReferenceGrant created`);
    await submitLifecycleChange(operator, session, { change });

    const made = await kubeRequest<{ spec: unknown }>(kubeConfigAs('admin'), {
      method: 'GET',
      path: `${grantsPath(pay)}/allow-${shop}-httproutes-2`,
    });
    expect(made.spec).toEqual(grant.spec);
    const theirs = await kubeRequest<{ spec: unknown }>(kubeConfigAs('admin'), {
      method: 'GET',
      path: `${grantsPath(pay)}/allow-${shop}-httproutes`,
    });
    expect(theirs.spec).toEqual(theirSpec());
    // The watch brings the new grant in: the finding is gone, and a grant made now would be -3.
    await until('the new grant in the cache', () =>
      operator.store.get({ kind: 'ReferenceGrant', namespace: pay, name: `allow-${shop}-httproutes-2` }),
    );
    const after = operator.store.snapshot();
    expect(validate(after).filter((f) => f.code === 'GWAPI_REFERENCE_NOT_PERMITTED')).toEqual([]);
    expect(
      referenceGrantFor(route, 'spec.rules[0].backendRefs[0]', grantNamesIn(after.objects))?.metadata.name,
    ).toBe(`allow-${shop}-httproutes-3`);
  });

  it('a create under a name already taken (a screen that did not see it) is refused and writes nothing', async () => {
    const route = operator.store.get({ kind: 'HTTPRoute', namespace: shop, name: 'cart' }) as MeshObject;
    const grant = referenceGrantFor(route, 'spec.rules[0].backendRefs[0]');
    expect(grant?.metadata.name).toBe(`allow-${shop}-httproutes`);
    if (!grant) return;
    await expect(
      submitLifecycleChange(operator, session, {
        change: {
          kind: 'CreateObject',
          target: { kind: 'ReferenceGrant', namespace: pay, name: grant.metadata.name },
          object: grant,
        },
      }),
    ).rejects.toThrow(/already exists/);
    const theirs = await kubeRequest<{ spec: unknown }>(kubeConfigAs('admin'), {
      method: 'GET',
      path: `${grantsPath(pay)}/allow-${shop}-httproutes`,
    });
    expect(theirs.spec).toEqual(theirSpec());
  });

  // The name the screen chose is taken in the API server by the time the create arrives (someone
  // made it meanwhile): the create answers 409 AlreadyExists, and a grant asked with
  // `nameTaken: next` moves on to the next free name instead of failing.
  it('a grant whose name was taken meanwhile is created under the next free name; theirs is untouched', async () => {
    const route = operator.store.get({ kind: 'HTTPRoute', namespace: shop, name: 'cart' }) as MeshObject;
    // What the screen saw: the grants before the two below were made.
    const seen = grantNamesIn(operator.store.snapshot().objects);
    const grant = referenceGrantFor(route, 'spec.rules[0].backendRefs[0]', seen);
    const chosen = grant?.metadata.name ?? '';
    expect(chosen).toBe(`allow-${shop}-httproutes-3`);
    if (!grant) return;
    // Made meanwhile, under the chosen name and the one after it, and created now: the 409s
    // come from the API server whether or not the watch has brought them in yet.
    const meanwhile = [chosen, nextGrantName(chosen)];
    expect(meanwhile[1]).toBe(`allow-${shop}-httproutes-4`);
    await applyManifests(
      kubeConfigAs('admin'),
      meanwhile.map((name) => ({
        apiVersion: 'gateway.networking.k8s.io/v1beta1',
        kind: 'ReferenceGrant',
        metadata: { name, namespace: pay },
        spec: theirSpec(),
      })),
    );
    const change = {
      kind: 'CreateObject' as const,
      target: { kind: 'ReferenceGrant' as const, namespace: pay, name: chosen },
      object: grant,
      nameTaken: 'next' as const,
    };
    const preview = await previewLifecycleChange(operator, session, { change });
    expect(preview.object.metadata.name).toBe(`allow-${shop}-httproutes-5`);
    const answer = await submitLifecycleChange(operator, session, { change });
    expect(answer.object.metadata.name).toBe(`allow-${shop}-httproutes-5`);
    expect(answer.summary).toBe(`${pay}/allow-${shop}-httproutes-5: ReferenceGrant created`);
    const made = await kubeRequest<{ spec: unknown }>(kubeConfigAs('admin'), {
      method: 'GET',
      path: `${grantsPath(pay)}/allow-${shop}-httproutes-5`,
    });
    expect(made.spec).toEqual(grant.spec);
    for (const name of meanwhile) {
      const theirs = await kubeRequest<{ spec: unknown }>(kubeConfigAs('admin'), {
        method: 'GET',
        path: `${grantsPath(pay)}/${name}`,
      });
      expect(theirs.spec, name).toEqual(theirSpec());
    }
  });

  it(`gives up after ${NAME_TRIES} taken names, and writes nothing`, async () => {
    const route = operator.store.get({ kind: 'HTTPRoute', namespace: shop, name: 'cart' }) as MeshObject;
    const grant = referenceGrantFor(route, 'spec.rules[0].backendRefs[0]');
    if (!grant) throw new Error('no grant offered');
    const names = [
      grant.metadata.name,
      ...Array.from({ length: 8 }, (_, i) => `${grant.metadata.name}-${i + 2}`),
    ];
    await applyManifests(
      kubeConfigAs('admin'),
      names.map((name) => ({
        apiVersion: 'gateway.networking.k8s.io/v1beta1',
        kind: 'ReferenceGrant',
        metadata: { name, namespace: pay },
        spec: theirSpec(),
      })),
    );
    const listed = () =>
      kubeRequest<{ items: unknown[] }>(kubeConfigAs('admin'), { method: 'GET', path: grantsPath(pay) });
    const before = (await listed()).items.length;
    await expect(
      submitLifecycleChange(operator, session, {
        change: {
          kind: 'CreateObject',
          target: { kind: 'ReferenceGrant', namespace: pay, name: grant.metadata.name },
          object: grant,
          nameTaken: 'next',
        },
      }),
    ).rejects.toThrow(new RegExp(`each name was taken \\(${NAME_TRIES} tried\\)`));
    expect((await listed()).items.length).toBe(before);
  });

  it('refuses nameTaken on any kind but a ReferenceGrant, naming the field', async () => {
    const change = {
      kind: 'CreateObject' as const,
      target: { kind: 'HTTPRoute' as const, namespace: shop, name: 'other' },
      object: {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'other', namespace: shop },
        spec: { rules: [{ backendRefs: [{ name: 'cart-v2', namespace: pay, port: 8080 }] }] },
      },
      nameTaken: 'next' as const,
    };
    await expect(submitLifecycleChange(operator, session, { change })).rejects.toMatchObject({
      code: 'Invalid',
      fields: [{ path: 'change.nameTaken' }],
    });
  });
});
