import { createContext, useContext } from 'react';
import type { ObjectKey, StoredObject } from '@/lib/mesh/types';

type GetObject = (key: ObjectKey) => StoredObject | undefined;

/**
 * Reads an object as the screen shows it, at the moment of a gesture. A getter rather than
 * the snapshot itself, so that edges do not re-render on every change to any object.
 */
export const MeshObjectsContext = createContext<GetObject>(() => undefined);

export function useGetMeshObject(): GetObject {
  return useContext(MeshObjectsContext);
}
