import 'server-only';
import type { CreateAccessAnswer } from '../api/session';
import { InvalidError } from '../mesh/errors';
import type { Viewer } from './auth/viewer';
import { writeAccess } from './session';

// A namespace's name: a DNS-1123 label.
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Whether the person may create a ReferenceGrant in `namespace` (`create referencegrants`
 * there, as the create itself is judged: WEIR_READ_ONLY, WEIR_NAMESPACES, then RBAC or the
 * folder's check). The grant button asks this, not where the person may update routing: the
 * grant is written in the reference's target namespace, by another verb on another resource.
 */
export async function createAccess(viewer: Viewer, query: URLSearchParams): Promise<CreateAccessAnswer> {
  const kind = query.get('kind');
  if (kind !== 'ReferenceGrant')
    throw new InvalidError('kind: only ReferenceGrant is asked about (?kind=ReferenceGrant)', undefined, [
      { path: 'kind', message: 'must be ReferenceGrant' },
    ]);
  const namespace = query.get('namespace');
  if (!namespace || !NAMESPACE.test(namespace))
    throw new InvalidError('namespace: a namespace name (a DNS-1123 label) is required', undefined, [
      { path: 'namespace', message: 'must be a DNS-1123 label' },
    ]);
  const access = await writeAccess(viewer.handle, viewer.session, { kind, namespace, name: '' }, 'create');
  return { kind, namespace, allowed: access.allowed, ...(access.reason && { reason: access.reason }) };
}
