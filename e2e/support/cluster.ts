import { type APIRequestContext, expect } from '@playwright/test';
import { loadKubeConfig } from '../../lib/kube/kube-config';
import { kubeRequest } from '../../lib/kube/request';
import { controlApiServer } from '../../tools/cluster/control-server';

interface Route {
  destination: { host: string; subset?: string };
  weight?: number;
}
export interface RawVirtualService {
  metadata: { name: string; namespace: string; resourceVersion: string };
  spec: { http: Array<{ route: Route[]; [key: string]: unknown }>; [key: string]: unknown };
}

/** The e2e cluster as one of its users, for changes "made by someone else" and for checks. */
export function clusterAs(user: 'admin' | 'operator' | 'auditor') {
  const kubeconfig = process.env.WEIR_E2E_KUBECONFIG;
  if (!kubeconfig) throw new Error('WEIR_E2E_KUBECONFIG is not set: run through playwright (global setup)');
  return loadKubeConfig({ kubeconfig, context: user });
}

const vsPath = (namespace: string, name: string) =>
  `/apis/networking.istio.io/v1/namespaces/${namespace}/virtualservices/${name}`;

export function readVirtualService(namespace: string, name: string): Promise<RawVirtualService> {
  return kubeRequest<RawVirtualService>(clusterAs('admin'), { method: 'GET', path: vsPath(namespace, name) });
}

/** The weights of one HTTP route as the API server holds them. */
export async function weightsInCluster(
  namespace: string,
  name: string,
  route = 0,
): Promise<Array<number | undefined>> {
  const vs = await readVirtualService(namespace, name);
  return vs.spec.http[route]?.route.map((r) => r.weight) ?? [];
}

/** Sets a route's weights as another client would (kubectl edit), keeping everything else. */
export async function setWeightsInCluster(
  namespace: string,
  name: string,
  weights: number[],
  route = 0,
): Promise<void> {
  const vs = await readVirtualService(namespace, name);
  vs.spec.http[route]?.route.forEach((destination, i) => {
    destination.weight = weights[i];
  });
  await kubeRequest(clusterAs('admin'), { method: 'PUT', path: vsPath(namespace, name), body: vs });
}

/** Stops or starts the e2e cluster's kube-apiserver, or freezes (pause) and thaws (resume) it. */
export async function apiServer(action: 'stop' | 'start' | 'pause' | 'resume'): Promise<void> {
  const control = process.env.WEIR_E2E_CONTROL;
  if (!control) throw new Error('WEIR_E2E_CONTROL is not set: run through playwright (global setup)');
  await controlApiServer(control, action);
}

/** The /api/changes body that sets the weights of shop/catalog's first HTTP route. */
export function catalogWeightsBody(weights: number[], resourceVersion: string, note?: string) {
  return {
    change: {
      kind: 'SetWeights',
      target: { kind: 'VirtualService', namespace: 'shop', name: 'catalog' },
      routeKind: 'http',
      routeIndex: 0,
      weights,
    },
    resourceVersion,
    ...(note && { note }),
  };
}

/** Sets shop/catalog's weights through the Weir at `weir` (so its history records them, with the note). */
export async function changeCatalog(
  request: APIRequestContext,
  weir: string,
  weights: number[],
  note: string,
): Promise<void> {
  const vs = await readVirtualService('shop', 'catalog');
  const response = await request.post(`${weir}/api/changes`, {
    headers: { 'x-weir-csrf': '1', origin: weir },
    data: catalogWeightsBody(weights, vs.metadata.resourceVersion, note),
  });
  expect(response.status()).toBe(200);
}
