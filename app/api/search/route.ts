import type { SearchAnswer } from '@/lib/api/overview';
import { readEndpoint } from '@/lib/server/endpoint';
import { searchFor } from '@/lib/server/overview';
import { readSearchQuery } from '@/lib/server/overview-query';

/** `?q=`: the objects the person may see whose name or host holds it, with the namespace to open. */
export const GET = readEndpoint(
  (viewer, query): Promise<SearchAnswer> => searchFor(viewer, readSearchQuery(query)),
);
