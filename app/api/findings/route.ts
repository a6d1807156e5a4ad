import { viewerOf } from '@/lib/server/auth/viewer';
import { errorResponse } from '@/lib/server/http-errors';
import { viewNamespaces } from '@/lib/server/view-namespaces';
import { validate } from '@/lib/validate';

/** Every finding of the rules, optionally for some namespaces: `{sequence, findings}`. */
export async function GET(request: Request): Promise<Response> {
  try {
    const viewer = await viewerOf(request);
    const namespaces = viewNamespaces(new URL(request.url).searchParams);
    const snapshot = await viewer.snapshot(namespaces);
    const findings = validate(snapshot).filter(
      (finding) => namespaces.length === 0 || namespaces.includes(finding.ref.namespace),
    );
    return Response.json(
      { sequence: snapshot.sequence, findings },
      { headers: { 'cache-control': 'no-store' } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
