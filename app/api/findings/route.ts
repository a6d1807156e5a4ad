import { viewerOf } from '@/lib/server/auth/viewer';
import { errorResponse } from '@/lib/server/http-errors';
import { validate } from '@/lib/validate';

/** Every finding of the rules, optionally for some namespaces: `{sequence, findings}`. */
export async function GET(request: Request): Promise<Response> {
  try {
    const viewer = await viewerOf(request);
    const namespaces = new URL(request.url).searchParams.getAll('namespace');
    const snapshot = await viewer.snapshot();
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
