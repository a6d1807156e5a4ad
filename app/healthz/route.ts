/** Liveness: the process answers. Nothing else is checked, so a slow cluster never restarts Weir. */
export function GET(): Response {
  return new Response('ok\n', {
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}

export const dynamic = 'force-dynamic';
