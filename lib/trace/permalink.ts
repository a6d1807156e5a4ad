import { type TraceInput, traceInputSchema } from './request';

// A trace in an address (`/?trace=…`): the input as JSON in base64url, so an auditor can
// attach the exact question to a finding. Read back through the API's own schema.

/** The `trace` parameter for an input. */
export function encodeTrace(input: TraceInput): string {
  const bytes = new TextEncoder().encode(JSON.stringify(input));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The input a `trace` parameter holds, or undefined when it holds none (garbled, or not a valid input). */
export function decodeTrace(value: string | null): TraceInput | undefined {
  if (!value || value.length > 200_000) return undefined;
  try {
    const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const parsed = traceInputSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
