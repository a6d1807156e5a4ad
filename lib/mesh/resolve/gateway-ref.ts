// A VirtualService names the Gateways it binds to in `spec.gateways` (and narrows routes to
// some of them in `match[].gateways`).

/** The reserved name for the sidecars of the mesh (Istio's constants.IstioMeshGateway). */
export const MESH_GATEWAY = 'mesh';

/** A VirtualService's gateway reference, resolved: the sidecars (`mesh`) or a Gateway's namespace and name. */
export type GatewayRef = { mesh: true } | { mesh: false; namespace: string; name: string };

/**
 * Reads a gateway reference as Istio does (resolveGatewayName, pilot/pkg/model/config.go):
 * `mesh`; `namespace/name`; `./name` and a bare `name` in the VirtualService's namespace;
 * the old `name.namespace` and `name.namespace.svc.cluster.local` forms, whose namespace is
 * what stands between the first and the second dot (empty for `name.`).
 */
export function parseGatewayRef(reference: string, vsNamespace: string): GatewayRef {
  if (reference === MESH_GATEWAY) return { mesh: true };
  const slash = reference.indexOf('/');
  if (slash >= 0) {
    const namespace = reference.slice(0, slash);
    return {
      mesh: false,
      namespace: namespace === '.' ? vsNamespace : namespace,
      name: reference.slice(slash + 1),
    };
  }
  const dot = reference.indexOf('.');
  if (dot < 0) return { mesh: false, namespace: vsNamespace, name: reference };
  const rest = reference.slice(dot + 1);
  const next = rest.indexOf('.');
  return { mesh: false, namespace: next < 0 ? rest : rest.slice(0, next), name: reference.slice(0, dot) };
}
