import { z } from 'zod';

// Pieces shared by the Istio schemas. Every object schema is loose: fields Weir does not
// model are kept as they are, so an object read, changed and written back loses nothing
// Istio (or a newer Istio) put there. Only the fields Weir models are checked, and only for
// their type: routing rules such as "weights add up" are lib/validate's findings.

export const stringMap = z.record(z.string(), z.string());
export const strings = z.array(z.string());
export const port = z.number().int();

export const stringMatch = z.looseObject({
  exact: z.string().optional(),
  prefix: z.string().optional(),
  regex: z.string().optional(),
});
export const stringMatchMap = z.record(z.string(), stringMatch);

export const destination = z.looseObject({
  host: z.string(),
  subset: z.string().optional(),
  port: z.looseObject({ number: port.optional() }).optional(),
});

export const percent = z.looseObject({ value: z.number().optional() });
export const weight = z.number().int();
