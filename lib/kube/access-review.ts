import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';
import { kubeRequest } from './request';
import type { ResourceType } from './resources';

interface AccessReview {
  status?: { allowed?: boolean; denied?: boolean; reason?: string };
}

/** What an access review asks about: a verb on a resource, in a namespace ('' for all). */
export interface ResourceAttributes {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
  name?: string;
}

/** Asks the API server whether the kubeconfig's identity may `verb` the resource (RBAC). */
export async function reviewAccess(
  kc: KubeConfig,
  verb: string,
  type: ResourceType,
  namespace: string,
  name?: string,
): Promise<boolean> {
  return reviewAttributes(kc, { verb, group: type.group, resource: type.plural, namespace, name });
}

/** A SelfSubjectAccessReview for any resource, for the identity the kubeconfig (or actor config) is. */
export async function reviewAttributes(kc: KubeConfig, attributes: ResourceAttributes): Promise<boolean> {
  const review = await kubeRequest<AccessReview>(kc, {
    method: 'POST',
    path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: attributes },
    },
  });
  return review.status?.allowed === true;
}
