import { readiness } from '@/lib/server/readiness';

/** Readiness: 200 while this replica should get traffic, else 503 with the reason. */
export async function GET(): Promise<Response> {
  const { ready, reason } = await readiness();
  return new Response(ready ? 'ok\n' : `not ready: ${reason}\n`, {
    status: ready ? 200 : 503,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}

export const dynamic = 'force-dynamic';
