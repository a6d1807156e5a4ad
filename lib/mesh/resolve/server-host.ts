// A Gateway server's `hosts` entry may limit which namespaces' VirtualServices it accepts:
// `namespace/host`, `./host` (the Gateway's own namespace), `*/host` or a bare `host` (any).

/**
 * Splits a Gateway server host into the namespace it admits (`*` for any) and the host.
 * Mirrors Istio's sanitizeServerHostNamespace (pilot/pkg/model/gateway.go): `./host` becomes
 * the Gateway’s namespace, a `*` prefix any namespace.
 */
export function splitServerHost(
  entry: string,
  gatewayNamespace: string,
): { namespace: string; host: string } {
  const slash = entry.indexOf('/');
  if (slash < 0) return { namespace: '*', host: entry };
  const namespace = entry.slice(0, slash);
  return { namespace: namespace === '.' ? gatewayNamespace : namespace, host: entry.slice(slash + 1) };
}

/**
 * The hosts of a Gateway server that a VirtualService in `vsNamespace` may bind. Mirrors
 * Istio's host.NamesForNamespace (pkg/config/host/names.go), after sanitizeServerHostNamespace.
 */
export function serverHostsFor(
  entries: readonly string[],
  gatewayNamespace: string,
  vsNamespace: string,
): string[] {
  const hosts: string[] = [];
  for (const entry of entries) {
    const { namespace, host } = splitServerHost(entry, gatewayNamespace);
    if (namespace === '*' || namespace === vsNamespace) hosts.push(host);
  }
  return hosts;
}
