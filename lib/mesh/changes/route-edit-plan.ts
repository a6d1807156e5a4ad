import { destinationKey, destinationKeys, placeOf } from '../destination-key';
import { isIstioRoute } from '../route-address';
import { routeDestinationsOf } from '../route-destinations';
import type { MeshObject, StoredObject } from '../types';
import type { DestinationEdit, WeightEdit } from './edits';
import { applyChange, type MeshChange } from './kinds';
import { destinationInFull } from './phrases';
import { ruleAt } from './set-rule';
import { weightsChange } from './weights-change';

type Edit = WeightEdit | DestinationEdit;

/**
 * What undoing or redoing an edit writes now: one or more changes, each sent in turn as a
 * new, checked write; or why it cannot be done against the object as it is.
 */
export type EditPlan = { changes: MeshChange[] } | { refusal: string };

/** The writes that revert `edit` on `object` as it is now, or why they cannot. */
export function undoPlan(edit: Edit, object: StoredObject | undefined): EditPlan {
  return plan(edit, object, 'undo');
}

/** The writes that make `edit` again on `object` as it is now, or why they cannot. */
export function redoPlan(edit: Edit, object: StoredObject | undefined): EditPlan {
  return plan(edit, object, 'redo');
}

function plan(edit: Edit, object: StoredObject | undefined, direction: 'undo' | 'redo'): EditPlan {
  const verb = direction === 'undo' ? 'Not undone' : 'Not redone';
  const where = `${edit.target.namespace}/${edit.target.name} ${edit.routeKind}[${edit.routeIndex}]`;
  const read = routeDestinationsOf(object, {
    ref: edit.target,
    routeKind: edit.routeKind,
    routeIndex: edit.routeIndex,
  });
  if (!object || object.kind === 'Invalid' || !read)
    return { refusal: `${verb}: ${where} is no longer there.` };
  const ids = destinationKeys(read.destinations);
  const weights = read.weights;
  const address = { ref: edit.target, routeKind: edit.routeKind, routeIndex: edit.routeIndex };
  const changed = { refusal: `${verb}: ${where} no longer has the destinations this edit was made on.` };

  // The route must hold exactly the destinations the edit left (undo) or found (redo), in
  // any order: another hand (or a rebased write) may have reordered them, never replaced.
  let changes: MeshChange[];
  if (edit.kind === 'SetWeights') {
    if (!sameSet(ids, edit.destinations)) return changed;
    // And exactly the weights the edit left (undo) or its undo left (redo), as an inspector
    // edit's plan checks its spec: weights someone else set since are not overwritten.
    const left = direction === 'undo' ? edit.after : edit.before;
    if (byId(ids, edit.destinations, left).join() !== weights.join()) {
      const since = direction === 'undo' ? 'your edit' : 'your undo';
      return { refusal: `${verb}: the weights of ${where} have changed since ${since}.` };
    }
    const wanted = direction === 'undo' ? edit.before : edit.after;
    const change = weightsChange(address, byId(ids, edit.destinations, wanted));
    // A Gateway API rule's undo writes the weights back as they were (a missing one stays missing).
    if (direction === 'undo' && change.kind === 'SetBackendWeights' && edit.beforeWritten)
      change.written = byId(ids, edit.destinations, edit.beforeWritten);
    changes = [change];
  } else {
    const id = destinationKey(placeOf(edit.destination));
    const removing = (edit.kind === 'AddDestination') === (direction === 'undo');
    const expected =
      direction === 'redo'
        ? edit.destinations
        : edit.kind === 'AddDestination'
          ? [...edit.destinations, id]
          : edit.destinations.filter((other) => other !== id);
    if (!sameSet(ids, expected)) {
      if (removing && !ids.includes(id)) {
        return { refusal: `${verb}: ${where} no longer sends to ${destinationInFull(edit.destination)}.` };
      }
      if (!removing && ids.includes(id)) {
        return { refusal: `${verb}: ${where} already sends to ${destinationInFull(edit.destination)}.` };
      }
      return changed;
    }
    // Undoing a removal: the destination comes back at the end at 0, then the whole route
    // gets the weights it had before the removal, a second checked write.
    const restoring = edit.kind === 'RemoveDestination' && !removing;
    const after = [...ids, id];
    const restored = byId(after, edit.destinations, edit.weights);
    const unchanged = restored.join() === [...weights, 0].join();
    if (isIstioRoute(address)) {
      const ref = { target: edit.target, routeKind: address.routeKind, routeIndex: edit.routeIndex };
      if (removing) {
        changes = [{ kind: 'RemoveDestination', ...ref, destinationIndex: ids.indexOf(id) }];
      } else {
        changes = [{ kind: 'AddDestination', ...ref, destination: edit.destination }];
        if (restoring && !unchanged) changes.push({ kind: 'SetWeights', ...ref, weights: restored });
      }
    } else {
      // A Gateway API rule: the backendRef itself, and on undo of a removal its weights as written.
      const ref = { target: edit.target, routeKind: 'rules' as const, routeIndex: edit.routeIndex };
      const rule = ruleAt(object, edit.routeIndex);
      if (removing && ids.length === 1 && direction === 'undo' && rule) {
        // The rule had no backend before this one was added: RemoveBackend refuses a rule's
        // last backend, so the rule is written back without any.
        const { backendRefs: _, ...without } = rule;
        changes = [{ kind: 'SetRule', ...ref, rule: without }];
      } else if (removing) {
        changes = [{ kind: 'RemoveBackend', ...ref, backendIndex: ids.indexOf(id) }];
      } else {
        if (!edit.backendRef) return changed;
        // An undone removal goes back to its place while the others stand as they stood.
        const was = edit.destinations.indexOf(id);
        const inPlace =
          restoring && was >= 0 && ids.join('\n') === edit.destinations.filter((d) => d !== id).join('\n');
        const order = inPlace ? [...ids.slice(0, was), id, ...ids.slice(was)] : after;
        changes = [{ kind: 'AddBackend', ...ref, backendRef: edit.backendRef, ...(inPlace && { at: was }) }];
        if (restoring) {
          const written = edit.written ? byId(order, edit.destinations, edit.written) : undefined;
          changes.push({
            kind: 'SetBackendWeights',
            ...ref,
            weights: byId(order, edit.destinations, edit.weights),
            ...(written && { written }),
          });
        }
      }
    }
  }
  // Each change must apply to what the one before leaves, as the server will check.
  let current: MeshObject = object;
  for (const change of changes) {
    try {
      current = applyChange(current, change);
    } catch (error) {
      return { refusal: `${verb}: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  return { changes };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

// The weights recorded for `recorded` ids, in the order of `ids`.
function byId<T extends number | null>(
  ids: readonly string[],
  recorded: readonly string[],
  weights: readonly T[],
): T[] {
  return ids.map((id) => {
    const at = recorded.indexOf(id);
    return at >= 0 && at < weights.length ? (weights[at] as T) : (0 as T);
  });
}
