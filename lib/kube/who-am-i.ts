import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';
import { kubeRequest } from './request';

interface SelfSubjectReview {
  status?: { userInfo?: { username?: string; groups?: string[] } };
}

/** Who the API server takes a credential for: its user name and groups. */
export interface UserInfo {
  username: string;
  groups: string[];
}

/** The user the API server authenticates the kubeconfig's credential as (SelfSubjectReview). */
export async function reviewSelf(kc: KubeConfig): Promise<UserInfo> {
  const review = await kubeRequest<SelfSubjectReview>(kc, {
    method: 'POST',
    path: '/apis/authentication.k8s.io/v1/selfsubjectreviews',
    body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
  });
  return {
    username: review.status?.userInfo?.username ?? kc.getCurrentUser()?.name ?? 'unknown',
    groups: review.status?.userInfo?.groups ?? [],
  };
}

/** The user name the API server authenticates the kubeconfig's credential as. */
export async function whoAmI(kc: KubeConfig): Promise<string> {
  return (await reviewSelf(kc)).username;
}
