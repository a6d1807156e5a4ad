import 'server-only';
import { InvalidError } from '../mesh/errors';
import { namespaceNameProblem } from '../mesh/object-names';

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
    const problem = namespaceNameProblem(namespace.length > 80 ? `${namespace.slice(0, 80)}…` : namespace);
    if (problem) throw new InvalidError(`namespace: ${problem}`);
  }
  return [...new Set(namespaces)];
}
