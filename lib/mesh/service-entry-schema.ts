import { z } from 'zod';
import { port, stringMap, strings } from './schema-parts';
import type { ServiceEntrySpec } from './types';

export const serviceEntrySpecSchema: z.ZodType<ServiceEntrySpec> = z.looseObject({
  hosts: strings.optional(),
  addresses: strings.optional(),
  ports: z
    .array(
      z.looseObject({
        number: port,
        protocol: z.string().optional(),
        name: z.string().optional(),
        targetPort: port.optional(),
      }),
    )
    .optional(),
  location: z.enum(['MESH_EXTERNAL', 'MESH_INTERNAL']).optional(),
  resolution: z.string().optional(),
  exportTo: strings.optional(),
  workloadSelector: z.looseObject({ labels: stringMap.optional() }).optional(),
});
