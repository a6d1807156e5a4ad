import { readEndpoint } from '@/lib/server/endpoint';
import { reportResponse } from '@/lib/server/report/report-response';

/**
 * Evidence for an auditor: `?namespace=a&namespace=b&from=&to=&at=&format=md|json|svg|png`.
 * The routing as it stands, or as it was at `at` (gateways, hosts, routes, matches, weights,
 * findings, the graph) and the changes recorded in the period, limited to what the person
 * may see. `format=json` answers lib/api/report.ts's RoutingReport.
 */
export const GET = readEndpoint((viewer, query) => reportResponse(viewer, query));
