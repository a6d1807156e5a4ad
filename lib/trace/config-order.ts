import { type MeshIndex, namespaceOf } from '../graph/index-snapshot';
import { strings } from '../graph/read';
import { MESH_GATEWAY, parseGatewayRef } from '../mesh/resolve';
import type { VirtualService } from '../mesh/types';
import { memo } from './index-memo';

/**
 * Istio's order of configuration (configCompareByCreationTime): oldest first, then by name,
 * then by namespace. It decides which of two VirtualServices for one host wins.
 */
export function istioOrder<
  T extends { metadata: { name: string; namespace?: string; creationTimestamp?: string } },
>(a: T, b: T): number {
  const ta = Date.parse(a.metadata.creationTimestamp ?? '') || 0;
  const tb = Date.parse(b.metadata.creationTimestamp ?? '') || 0;
  // Kubernetes stores creation time in whole seconds: equal seconds fall through to the name.
  if (Math.floor(ta / 1000) !== Math.floor(tb / 1000)) return ta - tb;
  return compare(a.metadata.name, b.metadata.name) || compare(namespaceOf(a), namespaceOf(b));
}

/** The gateways a VirtualService binds to, as `namespace/name` or `mesh` (none written: `mesh`). */
export function boundGateways(vs: VirtualService): string[] {
  const written = strings(vs.spec.gateways);
  if (written.length === 0) return [MESH_GATEWAY];
  return written.map((reference) => gatewayName(reference, namespaceOf(vs)));
}

/** A gateway reference as Istio resolves it: `mesh`, or `namespace/name`. */
export function gatewayName(reference: string, vsNamespace: string): string {
  const ref = parseGatewayRef(reference, vsNamespace);
  return ref.mesh ? MESH_GATEWAY : `${ref.namespace}/${ref.name}`;
}

/**
 * The VirtualServices bound to `gateway` that a proxy in `proxyNamespace` sees, in Istio's
 * order (VirtualServicesForGateway): its own namespace's private ones, then those exported to
 * its namespace, then the public ones, each group in configuration order. `exportTo` absent
 * or `*` is public; `.` is the VirtualService's own namespace; `~` is nobody.
 */
export function virtualServicesFor(
  index: MeshIndex,
  gateway: string,
  proxyNamespace: string,
): VirtualService[] {
  const own: VirtualService[] = [];
  const exported: VirtualService[] = [];
  const open: VirtualService[] = [];
  for (const vs of sortedVirtualServices(index)) {
    if (!boundOnce(vs).includes(gateway)) continue;
    const namespace = namespaceOf(vs);
    const exportTo = strings(vs.spec.exportTo).map((entry) => (entry === '.' ? namespace : entry));
    if (exportTo.length === 0 || exportTo.includes('*')) open.push(vs);
    else if (exportTo.includes('~')) continue;
    else if (exportTo.includes(proxyNamespace)) (proxyNamespace === namespace ? own : exported).push(vs);
  }
  return [...own, ...exported, ...open];
}

/** Whether a VirtualService (a delegate) is visible from `namespace` by its exportTo. */
export function visibleFrom(vs: VirtualService, namespace: string): boolean {
  const exportTo = strings(vs.spec.exportTo).map((entry) => (entry === '.' ? namespaceOf(vs) : entry));
  return (
    exportTo.length === 0 ||
    exportTo.includes('*') ||
    (!exportTo.includes('~') && exportTo.includes(namespace))
  );
}

function sortedVirtualServices(index: MeshIndex): VirtualService[] {
  return memo(index, 'sorted-vs', () => [...index.virtualServices].sort(istioOrder));
}

const bound = new WeakMap<VirtualService, string[]>();

function boundOnce(vs: VirtualService): string[] {
  let gateways = bound.get(vs);
  if (!gateways) {
    gateways = boundGateways(vs);
    bound.set(vs, gateways);
  }
  return gateways;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
