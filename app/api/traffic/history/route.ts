import type { ShareHistory } from '@/lib/api/traffic';
import { readEndpoint } from '@/lib/server/endpoint';
import { readHistoryRequest, shareHistory } from '@/lib/server/traffic/share-history';

/**
 * The measured share of each destination of one VirtualService route over the window
 * (`?window=1m|5m|1h&namespace=&name=&kind=http|tcp|tls&index=`), thirty points from
 * Prometheus's range query: the inspector's sparkline. 422 names a wrong parameter.
 */
export const GET = readEndpoint((viewer, query): Promise<ShareHistory> => {
  const { window, route } = readHistoryRequest(query);
  return shareHistory(viewer, window, route);
});
