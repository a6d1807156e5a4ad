import { describe, expect, it } from 'vitest';
import { controllerLock, type RolloutRef, rolloutVirtualServiceRef } from './controller-lock';
import type { ObjectMeta, VirtualService } from './types';

const vs = (metadata: Partial<ObjectMeta> = {}): VirtualService => ({
  kind: 'VirtualService',
  apiVersion: 'networking.istio.io/v1',
  metadata: { name: 'catalog', namespace: 'shop', ...metadata },
  spec: { hosts: ['catalog'] },
});

describe('controllerLock', () => {
  it('leaves an object no controller claims unlocked', () => {
    expect(controllerLock(vs())).toBeUndefined();
  });

  it('locks a VirtualService an Argo Rollout names, and says to promote the Rollout', () => {
    const rollouts: RolloutRef[] = [
      { namespace: 'shop', name: 'catalog', virtualServices: [{ namespace: 'shop', name: 'catalog' }] },
    ];
    const lock = controllerLock(vs(), rollouts);
    expect(lock?.controller).toBe('argo-rollouts');
    expect(lock?.owner).toBe('Rollout shop/catalog');
    expect(lock?.instead).toMatch(/Promote/);
  });

  it('does not lock a VirtualService of the same name in another namespace', () => {
    const rollouts: RolloutRef[] = [
      { namespace: 'other', name: 'catalog', virtualServices: [{ namespace: 'other', name: 'catalog' }] },
    ];
    expect(controllerLock(vs(), rollouts)).toBeUndefined();
  });

  it('locks an object a Flagger Canary owns', () => {
    const lock = controllerLock(
      vs({ ownerReferences: [{ apiVersion: 'flagger.app/v1beta1', kind: 'Canary', name: 'catalog' }] }),
    );
    expect(lock?.controller).toBe('flagger');
    expect(lock?.instead).toMatch(/Edit the Canary catalog/);
  });

  it('locks an object Argo CD tracks, by annotation or instance label', () => {
    const byAnnotation = controllerLock(
      vs({
        annotations: {
          'argocd.argoproj.io/tracking-id': 'shop-app:networking.istio.io/VirtualService:shop/catalog',
        },
      }),
    );
    expect(byAnnotation?.controller).toBe('argo-cd');
    expect(byAnnotation?.owner).toBe('Application shop-app');
    expect(controllerLock(vs({ labels: { 'app.kubernetes.io/instance': 'shop-app' } }))?.controller).toBe(
      'argo-cd',
    );
  });

  it('does not take a plain Helm release label for Argo CD', () => {
    const helm = vs({
      labels: { 'app.kubernetes.io/instance': 'shop', 'app.kubernetes.io/managed-by': 'Helm' },
    });
    expect(controllerLock(helm)).toBeUndefined();
  });

  it('locks an object Flux applies, from a Kustomization or a HelmRelease', () => {
    const kustomized = controllerLock(
      vs({
        labels: {
          'kustomize.toolkit.fluxcd.io/name': 'apps',
          'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
        },
      }),
    );
    expect(kustomized).toMatchObject({ controller: 'flux', owner: 'Kustomization flux-system/apps' });
    expect(controllerLock(vs({ labels: { 'helm.toolkit.fluxcd.io/name': 'shop' } }))?.owner).toBe(
      'HelmRelease shop/shop',
    );
  });
});

describe('rolloutVirtualServiceRef', () => {
  it('reads name and name.namespace as Argo Rollouts does', () => {
    expect(rolloutVirtualServiceRef('shop', 'catalog')).toEqual({ name: 'catalog', namespace: 'shop' });
    expect(rolloutVirtualServiceRef('shop', 'catalog.edge')).toEqual({ name: 'catalog', namespace: 'edge' });
  });
});
