import { renderMetrics } from '@/lib/server/metrics';
import { getStore } from '@/lib/server/store';

/**
 * Prometheus text format (README, "Metrics"): request durations, event streams, watches,
 * writes by outcome, validation time, history failures and the process's own figures.
 */
export async function GET(): Promise<Response> {
  const handle = await getStore().catch(() => undefined);
  const { text, contentType } = await renderMetrics(() => {
    const sync = handle?.store.syncStatus();
    return sync && !sync.synced ? sync.syncedAt : undefined;
  });
  return new Response(text, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
}

export const dynamic = 'force-dynamic';
