import { namespacesOfSnapshot } from '@/lib/server/auth/namespaces';
import { viewerOf } from '@/lib/server/auth/viewer';
import { errorResponse } from '@/lib/server/http-errors';
import { namespaceAccess } from '@/lib/server/session';

/**
 * Who is looking and what they may do: `{user, groups, auth, readOnly, readOnlyReason?,
 * writableNamespaces, signOut, backend, demo, source}`.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const viewer = await viewerOf(request);
    const { handle, session } = viewer;
    const snapshot = await viewer.snapshot();
    const access = await namespaceAccess(handle, session, namespacesOfSnapshot(snapshot));
    const { sync } = snapshot;
    return Response.json(
      {
        user: session.user,
        groups: session.groups ?? [],
        auth: session.strategy ?? 'local',
        readOnly: access.writableNamespaces !== 'all' && access.writableNamespaces.length === 0,
        readOnlyReason: access.readOnlyReason,
        writableNamespaces: access.writableNamespaces,
        signOut: Boolean(session.sessionId),
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
