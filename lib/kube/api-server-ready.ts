import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';
import { kubeRequest } from './request';

/**
 * Throws unless the API server answers its own /readyz within `timeoutMs` (every
 * authenticated identity may ask it: the default `system:public-info-viewer` role).
 */
export async function assertApiServerReady(kc: KubeConfig, timeoutMs: number): Promise<void> {
  await kubeRequest(kc, { method: 'GET', path: '/readyz', timeoutMs });
}
