import 'server-only';
import { InvalidError } from '../mesh/errors';

// A Kubernetes namespace name (RFC 1123 label).
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const MAX_NAMESPACES = 100;

/**
 * The namespaces a view asks for (`?namespace=a&namespace=b`; none: the whole mesh), checked
 * before they reach the store: a 422 naming the parameter for anything not a namespace name.
 */
export function viewNamespaces(params: URLSearchParams): string[] {
  const namespaces = params.getAll('namespace');
  if (namespaces.length > MAX_NAMESPACES)
    throw new InvalidError(
      `namespace: at most ${MAX_NAMESPACES} namespaces in one view, not ${namespaces.length}`,
    );
  for (const namespace of namespaces) {
    if (!NAMESPACE.test(namespace))
      throw new InvalidError(`namespace: ${JSON.stringify(namespace.slice(0, 80))} is not a namespace name`);
  }
  return [...new Set(namespaces)];
}
