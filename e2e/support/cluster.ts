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

export async function apiServer(action: 'stop' | 'start'): Promise<void> {
  const control = process.env.WEIR_E2E_CONTROL;
  if (!control) throw new Error('WEIR_E2E_CONTROL is not set: run through playwright (global setup)');
  await controlApiServer(control, action);
}
