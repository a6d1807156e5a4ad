import 'server-only';
import type { Viewer } from '../auth/viewer';
import { gatherReport } from './gather-report';
import { pictureToPng } from './graph-png';
import { reportMarkdown } from './report-markdown';
import { readReportRequest } from './report-request';

// The Markdown embeds the graph at its own size: enough to read, a few hundred kilobytes.
const EMBEDDED_SCALE = 1;

/**
 * The report asked for by `?namespace=&from=&to=&at=&format=`, as a download in that format:
 * Markdown with the graph embedded (default), JSON (RoutingReport), the graph as SVG or PNG.
 */
export async function reportResponse(viewer: Viewer, params: URLSearchParams): Promise<Response> {
  const asked = readReportRequest(params);
  const { report, draw } = await gatherReport(viewer, asked);
  const stamp = report.asOf.replace(/[:.]/g, '-');
  const headers = (type: string, name: string) => ({
    'content-type': type,
    'cache-control': 'no-store',
    'content-disposition': `attachment; filename="${name}"`,
  });
  switch (asked.format) {
    case 'json':
      return Response.json(report, { headers: headers('application/json', `weir-report-${stamp}.json`) });
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
}
