import { errorResponse } from '@/lib/server/http-errors';
import { getSession, writeAccess } from '@/lib/server/session';
import { getStore } from '@/lib/server/store';

export async function GET(): Promise<Response> {
  try {
    const handle = await getStore();
    const session = await getSession(handle);
    const access = await writeAccess(handle, session, { kind: 'VirtualService', namespace: '', name: '' });
    const { sync } = handle.store.snapshot();
    return Response.json(
      {
        user: session.user,
        readOnly: !access.allowed,
        readOnlyReason: access.reason,
        backend: sync.backend,
        demo: sync.demo,
        source: sync.source,
      },
      { headers: { 'cache-control': 'no-store' } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
