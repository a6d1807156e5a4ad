import { InvalidError } from '../errors';
import { routesOf } from '../routes';
import type { MeshObject } from '../types';
import type { CreateObject, LifecycleChange } from './lifecycle-changes';
import type { RoutingChange } from './routing-changes';

/**
 * The change that takes what `change` made of `before` back to `before`: a route set back,
 * an added route removed, a removed one put back at its place, a move reversed, a spec
 * replaced by the old one. Pure; `before` is the object the change was applied to.
 */
export function invertRoutingChange(change: RoutingChange, before: MeshObject): RoutingChange {
  if (change.kind === 'SetSpec') return { kind: 'SetSpec', target: change.target, spec: { ...before.spec } };
  if (before.kind !== 'VirtualService') {
    throw new InvalidError(`${change.kind} applies to a VirtualService, not a ${before.kind}`);
  }
  const { target, routeKind } = change;
  const routes = routesOf(before, routeKind);
  switch (change.kind) {
    case 'SetRoute':
      return { ...change, route: required(routes[change.routeIndex], change.routeIndex) };
    case 'AddRoute':
      return { kind: 'RemoveRoute', target, routeKind, routeIndex: change.index };
    case 'RemoveRoute':
      return {
        kind: 'AddRoute',
        target,
        routeKind,
        index: change.routeIndex,
        route: required(routes[change.routeIndex], change.routeIndex),
      };
    case 'MoveRoute':
      return { kind: 'MoveRoute', target, routeKind, from: change.to, to: change.from };
  }
}

/** A create is undone by deleting the object; a delete by creating again what was deleted. */
export function invertLifecycleChange(change: LifecycleChange, before?: MeshObject): LifecycleChange {
  if (change.kind === 'CreateObject') return { kind: 'DeleteObject', target: change.target };
  if (!before) throw new InvalidError(`what ${change.target.name} was before its delete is not known`);
  return { kind: 'CreateObject', target: change.target, object: manifestOf(before) };
}

/**
 * An object as a manifest to create again: kind, name, namespace, labels, annotations and
 * spec. What the API server sets (uid, resourceVersion, timestamps, managed fields) is left
 * for it to set anew.
 */
export function manifestOf(object: MeshObject): CreateObject['object'] {
  const { name, namespace, labels, annotations } = object.metadata;
  const metadata: Record<string, unknown> = { name, namespace };
  if (labels) metadata.labels = labels;
  if (annotations) metadata.annotations = annotations;
  return { apiVersion: object.apiVersion, kind: object.kind, metadata, spec: object.spec };
}

function required<T>(route: T | undefined, index: number): T {
  if (!route) throw new InvalidError(`there was no route ${index} to change`);
  return route;
}
