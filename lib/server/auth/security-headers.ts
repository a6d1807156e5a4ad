// Plain module (no 'server-only'): proxy.ts and next.config.ts both read it.

/**
 * The Content-Security-Policy of Weir's pages. Scripts run only with this response's nonce
 * (Next puts it on its own inline and bundle scripts) and what they load ('strict-dynamic');
 * styles allow inline because React writes `style` attributes (slider positions, React Flow's
 * node transforms) that a nonce cannot cover, and a style cannot run code. Nothing may frame
 * Weir, and forms post only to Weir.
 */
export function pageCsp(nonce: string, options: { dev?: boolean; https?: boolean } = {}): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self'${options.dev ? ' ws: wss:' : ''}`,
    // The graph layout runs in a module worker served from Weir's own origin.
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** The policy of API answers (JSON and event streams): nothing in them may load or run. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Headers every answer carries. HSTS is ignored by browsers over plain HTTP. */
export const SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
  { key: 'Strict-Transport-Security', value: 'max-age=31536000' },
];
