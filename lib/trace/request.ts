import { z } from 'zod';
import { namespaceName, objectName } from '../mesh/object-names';

// The request a person describes, and where it enters. One schema serves the API body and the
// permalink (`/?trace=…`), so both refuse the same input with the same words: each problem
// names its field (`request.headers.x-a`, `request.port`).

/** Header values and paths longer than this are refused (Envoy's default header limit is 60 KiB in all). */
export const MAX_VALUE = 8_192;
const MAX_ENTRIES = 100;

// RFC 9110 token: what a header name and a method may be made of.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// A host name (letters, digits, '-', '.', a leading '*.' for SNI), optionally `:port`.
const AUTHORITY = /^[A-Za-z0-9_]([A-Za-z0-9_.-]{0,252})?(:[0-9]{1,5})?$/;
const SNI = /^(\*\.)?[A-Za-z0-9_]([A-Za-z0-9_.-]{0,252})?$/;
// No spaces, controls or '#': what may stand in the path of an HTTP request line.
const PATH = /^\/[^\s#\p{Cc}]*$/u;
const LABEL_KEY = /^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

const port = z.number().int().min(1, 'a port is 1 to 65535').max(65_535, 'a port is 1 to 65535');
const value = z.string().max(MAX_VALUE, `at most ${MAX_VALUE} characters`);
const bounded = <T extends z.ZodType>(schema: T) =>
  schema.refine((entries) => Object.keys(entries as object).length <= MAX_ENTRIES, {
    message: `at most ${MAX_ENTRIES} entries`,
  });

const headerName = z
  .string()
  .max(256, 'a header name is at most 256 characters')
  .regex(TOKEN, "a header name is letters, digits and !#$%&'*+-.^_`|~ only");

const entrySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('gateway'),
    namespace: namespaceName,
    name: objectName,
  }),
  // A Gateway API Gateway (gateway.networking.k8s.io), which may share its name with an Istio one.
  z.strictObject({
    kind: z.literal('kubernetes-gateway'),
    namespace: namespaceName,
    name: objectName,
  }),
  z.strictObject({
    kind: z.literal('mesh'),
    namespace: namespaceName,
    labels: bounded(
      z.record(z.string().regex(LABEL_KEY, 'a label key'), z.string().regex(LABEL_VALUE, 'a label value')),
    ).optional(),
  }),
]);

const requestSchema = z.strictObject({
  protocol: z.enum(['http', 'tls', 'tcp']).optional(),
  port,
  method: z.string().max(64).regex(TOKEN, 'an HTTP method (a token such as GET)').optional(),
  scheme: z.enum(['http', 'https']).optional(),
  authority: z.string().regex(AUTHORITY, 'a host name, optionally with :port').optional(),
  path: z
    .string()
    .max(MAX_VALUE)
    .regex(PATH, "a path starts with '/' and has no spaces or control characters")
    .optional(),
  query: bounded(z.record(z.string().min(1).max(256), value)).optional(),
  headers: bounded(z.record(headerName, value)).optional(),
  sni: z.string().regex(SNI, 'a server name (SNI)').optional(),
});

/** What a trace is asked for, as the API and the permalink carry it. */
export const traceInputSchema = z.strictObject({ entry: entrySchema, request: requestSchema });
export type TraceInput = z.infer<typeof traceInputSchema>;
export type TraceEntry = TraceInput['entry'];

/** The request with every default filled in, names lower-cased, the query split off the path. */
export interface TraceRequest {
  protocol: 'http' | 'tls' | 'tcp';
  port: number;
  method: string;
  /** Absent: as the listener decides (https where the gateway terminates TLS). */
  scheme?: 'http' | 'https';
  /** As sent, port included (`:authority` matches see it so); empty for TCP. */
  authority: string;
  /** Without the query string. */
  path: string;
  /** First value per name, as Envoy's query parameter matcher reads them. */
  query: Record<string, string>;
  headers: Record<string, string>;
  sni?: string;
}

/** The request's defaults filled in (GET, `/`, http), header names in lower case. */
export function normalizeRequest(input: TraceInput['request']): TraceRequest {
  const full = input.path ?? '/';
  const mark = full.indexOf('?');
  const path = mark < 0 ? full : full.slice(0, mark);
  const query: Record<string, string> = {};
  if (mark >= 0) {
    for (const [name, entry] of new URLSearchParams(full.slice(mark + 1))) {
      if (!(name in query)) query[name] = entry;
    }
  }
  for (const [name, entry] of Object.entries(input.query ?? {})) query[name] = entry;
  const headers: Record<string, string> = {};
  for (const [name, entry] of Object.entries(input.headers ?? {})) headers[name.toLowerCase()] = entry;
  const authority = (input.authority ?? '').toLowerCase();
  return {
    protocol: input.protocol ?? 'http',
    port: input.port,
    method: input.method ?? 'GET',
    ...(input.scheme && { scheme: input.scheme }),
    authority,
    path,
    query,
    headers,
    ...(input.sni !== undefined && { sni: input.sni.toLowerCase() }),
  };
}

/** The host part of an authority (`shop.example.com:8080` → `shop.example.com`). */
export function hostOf(authority: string): string {
  const colon = authority.lastIndexOf(':');
  return colon < 0 ? authority : authority.slice(0, colon);
}
