import 'server-only';
import type { MeshSnapshot } from '../../mesh/types';
import { getSession, type Session } from '../session';
import { getStore, type StoreHandle } from '../store';
import { namespacesOfSnapshot } from './namespaces';
import { type Visibility, visibilityFor, visibleSnapshot } from './visibility';

/** The person behind a read request, with what they may see of the shared cache. */
export interface Viewer {
  handle: StoreHandle;
  session: Session;
  visibility: Visibility;
  /**
   * The store's snapshot with only what this person may list; with `namespaces` (some), only
   * what a view of them shows (MeshStore.snapshot).
   */
  snapshot(namespaces?: readonly string[]): Promise<MeshSnapshot>;
}

/** Identifies the person (401 when they must sign in) and scopes the cache to them. */
export async function viewerOf(request: Request): Promise<Viewer> {
  const handle = await getStore();
  const session = await getSession(handle, request);
  const visibility = visibilityFor(handle, session);
  return {
    handle,
    session,
    visibility,
    async snapshot(namespaces) {
      if (!namespaces || namespaces.length === 0) return visibleSnapshot(visibility, handle.store.snapshot());
      const view = await visibleSnapshot(visibility, handle.store.snapshot(namespaces));
      if (!visibility.restricted) return view;
      // The namespaces to choose from, like the objects, are only those the person may see.
      const all = await visibleSnapshot(visibility, handle.store.snapshot());
      return { ...view, namespaces: namespacesOfSnapshot(all) };
    },
  };
}
