import { z } from 'zod';
import type { MeshChange } from './changes';
import { routingChangeSchemas } from './changes/routing-change-schema';
import { destinationChangeSchemas } from './destination-change-schema';
import { namespaceName, objectName } from './object-names';

const objectRef = z.object({
  kind: z.enum([
    'Gateway',
    'VirtualService',
    'DestinationRule',
    'ServiceEntry',
    'Service',
    'Namespace',
    'Pod',
  ]),
  // '' is a cluster-scoped object's (a Namespace); any other must be a namespace's name.
  namespace: z.union([z.literal(''), namespaceName]),
  name: objectName,
});

const setWeights = z.object({
  kind: z.literal('SetWeights'),
  target: objectRef,
  routeKind: z.enum(['http', 'tcp', 'tls']),
  routeIndex: z.number().int().min(0),
  weights: z.array(z.number()).min(1),
});

/** A change record as it arrives over HTTP; the pure apply step checks the rest. */
export const meshChangeSchema: z.ZodType<MeshChange> = z.discriminatedUnion('kind', [
  setWeights,
  ...routingChangeSchemas(objectRef),
  ...destinationChangeSchemas(objectRef),
]) as z.ZodType<MeshChange>;

export { lifecycleRequestSchema } from './changes/lifecycle-changes';

/** A change and the resourceVersion the person's screen showed when they made it. */
export const changeRequestSchema = z.object({ change: meshChangeSchema, resourceVersion: z.string().min(1) });
