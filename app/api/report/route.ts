import { InvalidError } from '@/lib/mesh/errors';
import { viewerOf } from '@/lib/server/auth/viewer';
import { listHistory } from '@/lib/server/history/list-history';
import { errorResponse } from '@/lib/server/http-errors';
import { locksIn } from '@/lib/server/locks';
import { buildReport } from '@/lib/server/report/build-report';
import { reportMarkdown } from '@/lib/server/report/report-markdown';
import { validate } from '@/lib/validate';

function time(value: string | null, name: string): string | undefined {
  if (!value) return undefined;
  if (Number.isNaN(Date.parse(value))) throw new InvalidError(`${name} is not a date and time: ${value}`);
  return new Date(value).toISOString();
}

/**
 * Evidence for an auditor: `?namespace=a&namespace=b&from=&to=&format=md|json`. The routing
 * as it stands (gateways, hosts, routes, matches, weights, findings) and the changes recorded
 * in the period, limited to what the person may see.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const viewer = await viewerOf(request);
    const params = new URL(request.url).searchParams;
    const format = params.get('format') ?? 'md';
    if (format !== 'md' && format !== 'json') throw new InvalidError('format is md or json');
    const namespaces = params.getAll('namespace').filter(Boolean);
    const period = { from: time(params.get('from'), 'from'), to: time(params.get('to'), 'to') };
    const snapshot = await viewer.snapshot();
    const [changes, { locks }] = await Promise.all([
      listHistory(viewer, { namespaces, ...period, limit: 2_000 }),
      locksIn(viewer.handle, snapshot),
    ]);
    const report = buildReport({
      snapshot,
      findings: validate(snapshot),
      changes,
      locks,
      namespaces,
      period,
      user: viewer.session.user,
    });
    const stamp = report.generatedAt.replace(/[:.]/g, '-');
    if (format === 'json') {
      return Response.json(report, {
        headers: {
          'cache-control': 'no-store',
          'content-disposition': `attachment; filename="weir-report-${stamp}.json"`,
        },
      });
    }
    return new Response(reportMarkdown(report), {
      headers: {
        'content-type': 'text/markdown; charset=utf-8',
        'cache-control': 'no-store',
        'content-disposition': `attachment; filename="weir-report-${stamp}.md"`,
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
