// The change records, one module per kind (see kinds.ts for the table).
export type { AddBackend } from './add-backend';
export type { AddDestination } from './add-destination';
export type { AddRoute } from './add-route';
export type { CreateObject } from './create-object';
export type { DeleteObject } from './delete-object';
export {
  type AnyChange,
  applyChange,
  changeRequestSchema,
  describeChange,
  invertChange,
  isLifecycleChange,
  type LifecycleChange,
  lifecycleRequestSchema,
  type MeshChange,
  meshChangeSchema,
  rebaseChange,
  routeOf,
} from './kinds';
export type { MoveRoute } from './move-route';
export type { RemoveBackend } from './remove-backend';
export type { RemoveDestination } from './remove-destination';
export type { RemoveRoute } from './remove-route';
export type { SetRoute } from './set-route';
export type { SetRule } from './set-rule';
export type { SetSpec } from './set-spec';
export type { SetWeights } from './set-weights';
