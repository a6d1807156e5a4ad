import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';
import { kubeRequest } from './request';

interface SelfSubjectReview {
  status?: { userInfo?: { username?: string } };
}

/** The user name the API server authenticates the kubeconfig's credential as. */
export async function whoAmI(kc: KubeConfig): Promise<string> {
  const review = await kubeRequest<SelfSubjectReview>(kc, {
    method: 'POST',
    path: '/apis/authentication.k8s.io/v1/selfsubjectreviews',
    body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
  });
  return review.status?.userInfo?.username ?? kc.getCurrentUser()?.name ?? 'unknown';
}
