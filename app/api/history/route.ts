import type { HistoryAnswer } from '@/lib/api/history';
import { readEndpoint } from '@/lib/server/endpoint';
import { readHistoryQuery } from '@/lib/server/history/history-query';
import { listHistory } from '@/lib/server/history/list-history';

/**
 * The changes recorded, newest first, that the person may see:
 * `?namespace=&kind=&name=&from=&to=&limit=` → `{entries}`.
 */
export const GET = readEndpoint(
  async (viewer, query): Promise<HistoryAnswer> => ({
    entries: await listHistory(viewer, readHistoryQuery(query)),
  }),
);
