import 'server-only';

/** A redirect to the sign-in page, naming the problem (a code the page puts in words) and where to go next. */
export function toSignInPage(headers: Headers, problem?: string, next?: string): Response {
  const query = new URLSearchParams();
  if (problem) query.set('error', problem);
  if (next && next !== '/') query.set('next', next);
  const search = query.size > 0 ? `?${query}` : '';
  headers.set('location', `/sign-in${search}`);
  headers.set('cache-control', 'no-store');
  return new Response(null, { status: 303, headers });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page the callback answers once signed in: it moves on to `next` itself (meta refresh).
 * A redirect would not do: the browser treats a redirect chain that began at the provider as
 * cross-site and would hold back the new SameSite=Strict session cookie on the next page.
 */
export function continuePage(headers: Headers, next: string): Response {
  const target = escapeHtml(next);
  headers.set('content-type', 'text/html; charset=utf-8');
  headers.set('cache-control', 'no-store');
  return new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${target}"><title>Signed in · Weir</title></head><body><p>Signed in. <a href="${target}">Continue to Weir</a>.</p></body></html>`,
    { status: 200, headers },
  );
}
