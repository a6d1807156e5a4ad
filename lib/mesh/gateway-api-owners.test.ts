import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { controllerLock, type RolloutRef } from './controller-lock';
import { flaggerGatewayCanary, rolloutGatewayRoutes } from './gateway-api-owners';
import type { StoredObject } from './types';

// Fixtures in the shapes the controllers' own documentation shows: the Argo Rollouts Gateway API
// plugin's Rollout (docs/features/multiple-routes.md and the single-route quick start) and
// Flagger's Gateway API tutorial Canary (docs.flagger.app, gatewayapi-progressive-delivery).

const [
  singleRollout,
  multiRollout,
  selectorRollout,
  istioRollout,
  flaggerCanary,
  flaggerByRefs,
  istioCanary,
] = parseAllDocuments(`
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: rollouts-demo, namespace: default}
spec:
  strategy:
    canary:
      canaryService: argo-rollouts-canary-service
      stableService: argo-rollouts-stable-service
      trafficRouting:
        plugins:
          argoproj-labs/gatewayAPI:
            httpRoute: argo-rollouts-http-route
            namespace: default
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: rollouts-demo, namespace: default}
spec:
  strategy:
    canary:
      trafficRouting:
        plugins:
          argoproj-labs/gatewayAPI:
            httpRoutes:
              - name: backend-route
              - name: api-route
                useHeaderRoutes: true
            grpcRoute: grpc-route
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: picker, namespace: shop}
spec:
  strategy:
    canary:
      trafficRouting:
        plugins:
          argoproj-labs/gatewayAPI:
            namespace: edge
            httpRouteSelector:
              matchLabels: {app: shop}
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: mesh, namespace: shop}
spec:
  strategy:
    canary:
      trafficRouting:
        istio:
          virtualService: {name: shop}
---
apiVersion: flagger.app/v1beta1
kind: Canary
metadata: {name: podinfo, namespace: test}
spec:
  provider: gatewayapi:v1
  targetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}
  service:
    port: 9898
    hosts: [www.example.com]
    gatewayRefs:
      - name: gateway
        namespace: istio-ingress
---
apiVersion: flagger.app/v1beta1
kind: Canary
metadata: {name: podinfo, namespace: web}
spec:
  targetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}
  service:
    name: frontend
    port: 9898
    gatewayRefs: [{name: gateway, namespace: istio-ingress}]
---
apiVersion: flagger.app/v1beta1
kind: Canary
metadata: {name: podinfo, namespace: mesh}
spec:
  provider: istio
  targetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}
  service: {port: 9898}
`).map((doc) => doc.toJS());

const route = (kind: string, namespace: string, name: string, labels: Record<string, string> = {}) =>
  ({
    kind,
    apiVersion: 'gateway.networking.k8s.io/v1',
    metadata: { name, namespace, labels },
    spec: {},
  }) as unknown as StoredObject;

const refOf = (raw: unknown, name: string): RolloutRef => ({
  namespace: 'default',
  name,
  virtualServices: [],
  gatewayRoutes: rolloutGatewayRoutes(raw).routes,
  gatewayRouteSelectors: rolloutGatewayRoutes(raw).selectors,
});

describe("Argo Rollouts' Gateway API plugin", () => {
  it('reads httpRoute with its namespace, httpRoutes and grpcRoute, and selectors', () => {
    expect(rolloutGatewayRoutes(singleRollout).routes).toEqual([
      { kind: 'HTTPRoute', namespace: 'default', name: 'argo-rollouts-http-route' },
    ]);
    expect(rolloutGatewayRoutes(multiRollout).routes).toEqual([
      { kind: 'HTTPRoute', namespace: 'default', name: 'backend-route' },
      { kind: 'HTTPRoute', namespace: 'default', name: 'api-route' },
      { kind: 'GRPCRoute', namespace: 'default', name: 'grpc-route' },
    ]);
    expect(rolloutGatewayRoutes(selectorRollout).selectors).toEqual([
      { kind: 'HTTPRoute', namespace: 'edge', matchLabels: { app: 'shop' } },
    ]);
    expect(rolloutGatewayRoutes(istioRollout)).toEqual({ routes: [], selectors: [] });
  });

  it('locks the routes it names, with the reason and what to do instead; not a namesake elsewhere', () => {
    const rollouts = [refOf(multiRollout, 'rollouts-demo')];
    const lock = controllerLock(route('HTTPRoute', 'default', 'api-route'), rollouts);
    expect(lock).toMatchObject({ controller: 'argo-rollouts', owner: 'Rollout default/rollouts-demo' });
    expect(lock?.reason).toMatch(/Gateway API plugin sets this HTTPRoute's backend weights/);
    expect(lock?.instead).toMatch(/kubectl argo rollouts promote rollouts-demo -n default/);
    expect(controllerLock(route('GRPCRoute', 'default', 'grpc-route'), rollouts)?.controller).toBe(
      'argo-rollouts',
    );
    expect(controllerLock(route('HTTPRoute', 'other', 'api-route'), rollouts)).toBeUndefined();
    expect(controllerLock(route('GRPCRoute', 'default', 'api-route'), rollouts)).toBeUndefined();
  });

  it('locks the routes its selector picks in its namespace, and only those', () => {
    const rollouts = [{ ...refOf(selectorRollout, 'picker'), namespace: 'shop' }];
    expect(
      controllerLock(route('HTTPRoute', 'edge', 'shop', { app: 'shop', tier: 'x' }), rollouts)?.owner,
    ).toBe('Rollout shop/picker');
    expect(controllerLock(route('HTTPRoute', 'edge', 'cart', { app: 'cart' }), rollouts)).toBeUndefined();
    expect(controllerLock(route('HTTPRoute', 'shop', 'shop', { app: 'shop' }), rollouts)).toBeUndefined();
  });
});

describe("Flagger's Gateway API provider", () => {
  it('reads the HTTPRoute it writes: named after the target, or the apex service name', () => {
    expect(flaggerGatewayCanary(flaggerCanary)).toEqual({
      namespace: 'test',
      name: 'podinfo',
      httpRoute: 'podinfo',
    });
    expect(flaggerGatewayCanary(flaggerByRefs)).toEqual({
      namespace: 'web',
      name: 'podinfo',
      httpRoute: 'frontend',
    });
    expect(flaggerGatewayCanary(istioCanary)).toBeUndefined();
  });

  it('locks that HTTPRoute without any owner reference on it; not another kind or namespace', () => {
    const canaries = [flaggerCanary, flaggerByRefs]
      .map((c) => flaggerGatewayCanary(c))
      .filter((c) => c !== undefined);
    const lock = controllerLock(route('HTTPRoute', 'test', 'podinfo'), [], canaries);
    expect(lock).toMatchObject({ controller: 'flagger', owner: 'Canary test/podinfo' });
    expect(lock?.reason).toMatch(/sets its weights at every analysis step/);
    expect(controllerLock(route('HTTPRoute', 'web', 'frontend'), [], canaries)?.owner).toBe(
      'Canary web/podinfo',
    );
    expect(controllerLock(route('GRPCRoute', 'test', 'podinfo'), [], canaries)).toBeUndefined();
    expect(controllerLock(route('HTTPRoute', 'web', 'podinfo'), [], canaries)).toBeUndefined();
  });
});
