import { createContext, useContext } from 'react';

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
