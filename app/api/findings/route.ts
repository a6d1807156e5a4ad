import { errorResponse } from '@/lib/server/http-errors';
import { getStore } from '@/lib/server/store';
import { validate } from '@/lib/validate';

/** Every finding of the rules, optionally for some namespaces: `{sequence, findings}`. */
export async function GET(request: Request): Promise<Response> {
  try {
    const { store } = await getStore();
    const namespaces = new URL(request.url).searchParams.getAll('namespace');
    const snapshot = store.snapshot();
    const findings = validate(snapshot).filter(
      (finding) => namespaces.length === 0 || namespaces.includes(finding.ref.namespace),
    );
    return Response.json({ sequence: snapshot.sequence, findings }, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
