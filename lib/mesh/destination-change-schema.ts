import { z } from 'zod';

/** AddDestination and RemoveDestination as they arrive over HTTP; the pure appliers check the rest. */
export function destinationChangeSchemas(objectRef: z.ZodType) {
  const routeKind = z.enum(['http', 'tcp', 'tls']);
  const index = z.number().int().min(0);
  const destination = z.object({
    host: z.string().min(1),
    subset: z.string().min(1).optional(),
    port: z.object({ number: z.number().int().min(1).max(65535) }).optional(),
  });
  return [
    z.object({
      kind: z.literal('AddDestination'),
      target: objectRef,
      routeKind,
      routeIndex: index,
      destination,
    }),
    z.object({
      kind: z.literal('RemoveDestination'),
      target: objectRef,
      routeKind,
      routeIndex: index,
      destinationIndex: index,
    }),
  ] as const;
}
