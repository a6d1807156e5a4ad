/** A VirtualService's reference to a Gateway, resolved: `mesh`, or namespace and name. */
export type GatewayRef = { mesh: true } | { mesh: false; namespace: string; name: string };

/**
 * Reads a gateway reference: `mesh` is the sidecars; `namespace/name` names a namespace;
 * a bare `name` is in the VirtualService's namespace. The old `name.namespace(.svc.cluster.local)`
 * form is read as name and namespace too.
 */
export function parseGatewayRef(reference: string, vsNamespace: string): GatewayRef {
  if (reference === 'mesh') return { mesh: true };
  const slash = reference.indexOf('/');
  if (slash >= 0)
    return { mesh: false, namespace: reference.slice(0, slash), name: reference.slice(slash + 1) };
  const [name = '', namespace] = reference.split('.');
  return { mesh: false, namespace: namespace ?? vsNamespace, name };
}
