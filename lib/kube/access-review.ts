import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';
import type { ResourceType } from './resources';
import { kubeRequest } from './request';

interface AccessReview {
  status?: { allowed?: boolean; denied?: boolean; reason?: string };
}

/** Asks the API server whether the kubeconfig's identity may `verb` the resource (RBAC). */
export async function reviewAccess(
  kc: KubeConfig,
  verb: string,
  type: ResourceType,
  namespace: string,
  name?: string,
): Promise<boolean> {
  const review = await kubeRequest<AccessReview>(kc, {
    method: 'POST',
    path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: { verb, group: type.group, resource: type.plural, namespace, name } },
    },
  });
  return review.status?.allowed === true;
}
