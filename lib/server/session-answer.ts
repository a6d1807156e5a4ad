import 'server-only';
import type { SessionAnswer } from '../api/session';
import { namespacesOfSnapshot } from './auth/namespaces';
import type { Viewer } from './auth/viewer';
import { namespaceAccess } from './session';

/** Who is looking and what they may do, for the screen to hide what they cannot use. */
export async function sessionAnswer(viewer: Viewer): Promise<SessionAnswer> {
  const { handle, session } = viewer;
  const snapshot = await viewer.snapshot();
  const access = await namespaceAccess(handle, session, namespacesOfSnapshot(snapshot));
  const { sync } = snapshot;
  return {
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
  };
}
