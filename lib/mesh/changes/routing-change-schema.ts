import { z } from 'zod';

/** The route and spec changes as they arrive over HTTP; the pure appliers check the rest. */
export function routingChangeSchemas(objectRef: z.ZodType) {
  const routeKind = z.enum(['http', 'tcp', 'tls']);
  const index = z.number().int().min(0);
  // A route or spec is checked field by field when applied (and kept whole, unknown fields too).
  const fields = z.record(z.string(), z.unknown());
  return [
    z.object({ kind: z.literal('SetRoute'), target: objectRef, routeKind, routeIndex: index, route: fields }),
    z.object({ kind: z.literal('AddRoute'), target: objectRef, routeKind, index, route: fields }),
    z.object({ kind: z.literal('RemoveRoute'), target: objectRef, routeKind, routeIndex: index }),
    z.object({ kind: z.literal('MoveRoute'), target: objectRef, routeKind, from: index, to: index }),
    z.object({ kind: z.literal('SetSpec'), target: objectRef, spec: fields }),
  ] as const;
}
