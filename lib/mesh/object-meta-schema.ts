import { z } from 'zod';
import { stringMap } from './schema-parts';
import type { ManagedFieldsEntry, ObjectMeta, OwnerReference } from './types';

// kubectl and some generators write `creationTimestamp: null`; it means "not set".
const optionalTimestamp = z
  .string()
  .nullish()
  .transform((value) => value ?? undefined);

export const ownerReferenceSchema: z.ZodType<OwnerReference> = z.looseObject({
  apiVersion: z.string(),
  kind: z.string(),
  name: z.string(),
  uid: z.string().optional(),
  controller: z.boolean().optional(),
});

// Only who, how and when: fieldsV1 is large, and Weir never writes managedFields back.
const managedFieldsEntrySchema: z.ZodType<ManagedFieldsEntry> = z
  .looseObject({
    manager: z.string().optional(),
    operation: z.string().optional(),
    time: z.string().nullish(),
  })
  .transform(({ manager, operation, time }) => ({
    ...(manager !== undefined && { manager }),
    ...(operation !== undefined && { operation }),
    ...(time != null && { time }),
  }));

const metaFields = {
  name: z.string().min(1),
  namespace: z.string().optional(),
  uid: z.string().optional(),
  resourceVersion: z.string().optional(),
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
};

/** Metadata of an object Weir writes back: every field is kept, managedFields summarised. */
export const objectMetaSchema: z.ZodType<ObjectMeta> = z.looseObject({
  ...metaFields,
  generation: z.number().int().optional(),
  creationTimestamp: optionalTimestamp,
  ownerReferences: z.array(ownerReferenceSchema).optional(),
  managedFields: z.array(managedFieldsEntrySchema).optional(),
});

/** Metadata of an object Weir only reads (Service, Namespace): the fields it uses. */
export const summaryMetaSchema: z.ZodType<ObjectMeta> = z.object({
  ...metaFields,
  creationTimestamp: optionalTimestamp,
});

/**
 * Metadata of a Pod summary: also its owners, to group pods by workload; no annotations (an
 * injected pod carries Istio's sidecar status, a kilobyte, and nothing of Weir reads a pod's).
 */
const { annotations: _annotations, ...podMetaFields } = metaFields;
export const podMetaSchema: z.ZodType<ObjectMeta> = z.object({
  ...podMetaFields,
  ownerReferences: z.array(ownerReferenceSchema).optional(),
});
