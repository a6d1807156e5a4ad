'use client';

import { useCallback, useRef } from 'react';
import type { GraphEdge, GraphNode } from '@/lib/graph/types';
import { destinationKey } from '@/lib/mesh/destination-key';
import { objectKey } from '@/lib/mesh/object-key';
import type { MeshSnapshot } from '@/lib/mesh/types';
import { useEditing } from '../editing/editing-context';
import { useEditingOf } from '../editing/object-editing';
import { additionOfNode, routeHasAddition } from '../weights/destination-choices';
import { requestRemoval } from '../weights/destination-removal';
import { routeTargetOf } from '../weights/route-target';
import { readRouteWeights } from '../weights/route-weights';
import { useDestinationEdits } from '../weights/use-destination-edits';
import { MeshCanvas, type MeshCanvasProps } from './mesh-canvas';

type Props = Omit<MeshCanvasProps, 'connectable' | 'canConnect' | 'onConnectNodes' | 'onDeleteEdge'> & {
  /** The mesh as the screen shows it. */
  snapshot: MeshSnapshot;
};

/**
 * The canvas with its structural edits: drag from a route's handle onto a destination or
 * subset to add it (at 0%), Delete on a selected weight edge to remove that destination
 * (after a confirmation). A Gateway API rule the same way: drag onto a Service's or a
 * ServiceEntry host's destination node adds a backendRef at weight 0; Delete removes one. A route the person may not change (namespace rights, a controller's
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
      const found = additionOfNode(current.current, route, target);
      return found ? { route, addition: found } : undefined;
    },
    [editingOf],
  );

  const canConnect = useCallback(
    (source: GraphNode, target: GraphNode) => {
      const found = addition(source, target);
      return found !== undefined && !routeHasAddition(current.current, found.route, found.addition);
    },
    [addition],
  );

  const onConnectNodes = useCallback(
    (source: GraphNode, target: GraphNode) => {
      const found = addition(source, target);
      if (found) void add(found.route, found.addition);
    },
    [add, addition],
  );

  const onDeleteEdge = useCallback((edge: GraphEdge) => {
    const weight = edge.weight;
    if (!weight) return;
    const target = { ref: weight.ref, routeKind: weight.routeKind, routeIndex: weight.routeIndex };
    // The destination as the route names it (a backendRef in another namespace reads `name.namespace`).
    const route = readRouteWeights(current.current.objects[objectKey(weight.ref)], target);
    requestRemoval({
      target,
      destinationIndex: weight.destinationIndex,
      destinationId: route?.ids[weight.destinationIndex] ?? destinationKey(weight),
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
