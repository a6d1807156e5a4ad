import type { OverviewAnswer } from '@/lib/api/overview';
import { readEndpoint } from '@/lib/server/endpoint';
import { overviewFor } from '@/lib/server/overview';
import { refuseOverviewParams } from '@/lib/server/overview-query';

/**
 * The mesh the person may see, one entry per namespace (counts, problems, gateway fan-in) and
 * the links between namespaces: what the all-namespaces view draws past the size the page
 * draws whole (`large`), without downloading the mesh.
 */
export const GET = readEndpoint((viewer, query): Promise<OverviewAnswer> => {
  refuseOverviewParams(query);
  return overviewFor(viewer);
});
