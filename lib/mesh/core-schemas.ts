import { z } from 'zod';
import { podMetaSchema, summaryMetaSchema } from './object-meta-schema';
import { stringMap } from './schema-parts';
import type { ObjectMeta, Pod, PodSpec, ServiceSpec } from './types';

// Weir reads Services, Namespaces and Pods but never writes them, so it keeps a summary of
// each (the fields it draws and validates with) rather than the whole object.

const serviceSpec: z.ZodType<ServiceSpec> = z.object({
  ports: z
    .array(
      z.object({
        name: z.string().optional(),
        port: z.number().int(),
        targetPort: z.union([z.number().int(), z.string()]).optional(),
        protocol: z.string().optional(),
        appProtocol: z.string().optional(),
      }),
    )
    .optional(),
  selector: stringMap.optional(),
  type: z.string().optional(),
});

export const serviceSchema = z.object({
  metadata: summaryMetaSchema,
  spec: serviceSpec.prefault({}),
});

export const namespaceSchema = z.object({ metadata: summaryMetaSchema });

/** A raw Kubernetes Pod, or a Pod summary Weir made earlier (status.ready without conditions). */
export const podSchema = z
  .object({
    metadata: podMetaSchema,
    spec: z.looseObject({ nodeName: z.string().optional() }).prefault({}),
    status: z
      .looseObject({
        phase: z.string().optional(),
        ready: z.boolean().optional(),
        conditions: z.array(z.looseObject({ type: z.string(), status: z.string() })).optional(),
      })
      .prefault({}),
  })
  .transform(
    ({ metadata, spec, status }): { metadata: ObjectMeta; spec: PodSpec; status: Pod['status'] } => ({
      metadata,
      spec: spec.nodeName === undefined ? {} : { nodeName: spec.nodeName },
      status: {
        ...(status.phase !== undefined && { phase: status.phase }),
        ready: status.phase === 'Running' && isReady(status),
      },
    }),
  );

// A pod serves traffic once the kubelet reports its Ready condition; Running alone is not enough.
function isReady(status: { ready?: boolean; conditions?: { type: string; status: string }[] }): boolean {
  if (status.conditions) return status.conditions.some((c) => c.type === 'Ready' && c.status === 'True');
  return status.ready === true;
}
