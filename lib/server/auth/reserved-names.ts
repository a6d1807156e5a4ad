import 'server-only';

/**
 * Kubernetes reserves the `system:` space for its own components and groups
 * (`system:masters` is cluster-admin, `system:kube-scheduler` a control plane component).
 * Weir's credential is the one that impersonates, so a name there is never taken from a
 * person's claims or a proxy's headers.
 */
export function isReservedName(name: string): boolean {
  return name.startsWith('system:');
}
