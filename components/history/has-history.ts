import { ISTIO_KINDS, type IstioKind, type Kind } from '@/lib/mesh/types';

/** Weir records changes to Istio routing objects only. */
export function hasHistory(kind: Kind): boolean {
  return ISTIO_KINDS.includes(kind as IstioKind);
}
