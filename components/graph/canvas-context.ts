import { createContext, useContext } from 'react';
import type { WeightData } from '@/lib/graph/types';
import { createKeyedStore, type KeyedStore, useKeyedValue } from '../weights/keyed-store';

/** What nodes and edges can ask of the canvas around them. */
export interface CanvasActions {
  selectEdge: (id: string) => void;
  toggleNamespace: (namespace: string) => void;
}

export const CanvasContext = createContext<CanvasActions>({
  selectEdge: () => {},
  toggleNamespace: () => {},
});

export function useCanvasActions(): CanvasActions {
  return useContext(CanvasContext);
}

/** Each weight edge's share as the canvas's graph has it now (drawnWeights in to-flow.ts). */
export const DrawnWeightsContext = createContext<KeyedStore<WeightData>>(createKeyedStore());

/** The share a weight edge draws: the graph's now, else its React Flow edge's. */
export function useDrawnWeight(id: string, fromEdge: WeightData | undefined): WeightData | undefined {
  return useKeyedValue(useContext(DrawnWeightsContext), id) ?? fromEdge;
}
