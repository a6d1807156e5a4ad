import { viewerOf } from '@/lib/server/auth/viewer';
import { errorResponse } from '@/lib/server/http-errors';
import { gatherReport } from '@/lib/server/report/gather-report';
import { pictureToPng } from '@/lib/server/report/graph-png';
import { reportMarkdown } from '@/lib/server/report/report-markdown';
import { readReportRequest } from '@/lib/server/report/report-request';

// The Markdown embeds the graph at its own size: enough to read, a few hundred kilobytes.
const EMBEDDED_SCALE = 1;

/**
 * Evidence for an auditor: `?namespace=a&namespace=b&from=&to=&at=&format=md|json|svg|png`.
 * The routing as it stands, or as it was at `at` (gateways, hosts, routes, matches, weights,
 * findings, the graph) and the changes recorded in the period, limited to what the person
 * may see.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const viewer = await viewerOf(request);
    const asked = readReportRequest(new URL(request.url).searchParams);
    const { report, draw } = await gatherReport(viewer, asked);
    const stamp = report.asOf.replace(/[:.]/g, '-');
    const headers = (type: string, name: string) => ({
      'content-type': type,
      'cache-control': 'no-store',
      'content-disposition': `attachment; filename="${name}"`,
    });
    switch (asked.format) {
      case 'json':
        return Response.json(report, {
          headers: headers('application/json', `weir-report-${stamp}.json`),
        });
      case 'svg':
        return new Response((await draw()).svg, {
          headers: headers('image/svg+xml; charset=utf-8', `weir-graph-${stamp}.svg`),
        });
      case 'png':
        return new Response(Buffer.from(await pictureToPng(await draw())), {
          headers: headers('image/png', `weir-graph-${stamp}.png`),
        });
      default: {
        const png = await pictureToPng(await draw(), EMBEDDED_SCALE);
        return new Response(reportMarkdown(report, Buffer.from(png).toString('base64')), {
          headers: headers('text/markdown; charset=utf-8', `weir-report-${stamp}.md`),
        });
      }
    }
  } catch (error) {
    return errorResponse(error);
  }
}
