'use client';

import { useCallback, useRef } from 'react';
import type { GraphEdge, GraphNode } from '@/lib/graph/types';
import { destinationKey } from '@/lib/mesh/destination-key';
import type { MeshSnapshot } from '@/lib/mesh/types';
import { useEditing } from '../editing/editing-context';
import { useEditingOf } from '../editing/object-editing';
import { destinationOfNode, routeHasDestination } from '../weights/destination-choices';
import { requestRemoval } from '../weights/destination-removal';
import { routeTargetOf } from '../weights/route-target';
import { useDestinationEdits } from '../weights/use-destination-edits';
import { MeshCanvas, type MeshCanvasProps } from './mesh-canvas';

type Props = Omit<MeshCanvasProps, 'connectable' | 'canConnect' | 'onConnectNodes' | 'onDeleteEdge'> & {
  /** The mesh as the screen shows it. */
  snapshot: MeshSnapshot;
};

/**
 * The canvas with its structural edits: drag from a route's handle onto a destination or
 * subset to add it (at 0%), Delete on a selected weight edge to remove that destination
 * (after a confirmation). A route the person may not change (namespace rights, a controller's
 * lock) offers no connection. The server checks rights and validity again on every write.
 */
export function EditableMeshCanvas({ snapshot, ...props }: Props) {
  const editing = useEditing();
  const editingOf = useEditingOf();
  const { add } = useDestinationEdits();
  const current = useRef(snapshot);
  current.current = snapshot;

  // Only a route the person may change here (rights in its namespace, no controller's lock).
  const addition = useCallback(
    (source: GraphNode, target: GraphNode) => {
      const route = routeTargetOf({ node: source });
      if (!route) return undefined;
      if (!editingOf(route.ref).canEdit) return undefined;
      const destination = destinationOfNode(current.current, route, target);
      return destination ? { route, destination } : undefined;
    },
    [editingOf],
  );

  const canConnect = useCallback(
    (source: GraphNode, target: GraphNode) => {
      const found = addition(source, target);
      return found !== undefined && !routeHasDestination(current.current, found.route, found.destination);
    },
    [addition],
  );

  const onConnectNodes = useCallback(
    (source: GraphNode, target: GraphNode) => {
      const found = addition(source, target);
      if (found) void add(found.route, found.destination);
    },
    [add, addition],
  );

  const onDeleteEdge = useCallback((edge: GraphEdge) => {
    const weight = edge.weight;
    if (!weight) return;
    requestRemoval({
      target: { ref: weight.ref, routeKind: weight.routeKind, routeIndex: weight.routeIndex },
      destinationIndex: weight.destinationIndex,
      destinationId: destinationKey(weight),
    });
  }, []);

  return (
    <MeshCanvas
      {...props}
      snapshot={snapshot}
      connectable={editing.canEdit}
      canConnect={canConnect}
      onConnectNodes={onConnectNodes}
      onDeleteEdge={editing.readOnly ? undefined : onDeleteEdge}
    />
  );
}
