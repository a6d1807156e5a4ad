import { DelegateEdge } from './delegate-edge';
import { HopEdge } from './hop-edge';
import { MirrorEdge } from './mirror-edge';
import { PlainEdge } from './plain-edge';
import { WeightEdge } from './weight-edge';

/** At module scope so React Flow never remounts edges. */
export const edgeTypes = {
  weight: WeightEdge,
  mirror: MirrorEdge,
  delegate: DelegateEdge,
  hop: HopEdge,
  plain: PlainEdge,
};
