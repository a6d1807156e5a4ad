import 'server-only';
import type { OverviewAnswer } from '../api/overview';
import type { SessionAnswer } from '../api/session';
import type { FirstLayout, PastSnapshotAnswer, SnapshotAnswer } from '../api/snapshot';
import { isMeshError } from '../mesh/errors';
import { type Viewer, viewerOf } from './auth/viewer';
import { firstLayout } from './first-layout';
import { log } from './log';
import { overviewFor } from './overview';
import { pastSnapshot } from './past-snapshot';
import { readTime } from './query-params';
import { sessionAnswer } from './session-answer';
import { viewNamespaces } from './view-namespaces';

/** What the home page's first HTML holds of the view, read as GET /api/… would answer it. */
export interface FirstPaintView {
  session?: SessionAnswer;
  /** GET /api/snapshot?namespace=… for the page's view (live pages); none for a large mesh's overview. */
  snapshot?: SnapshotAnswer;
  /** Where that snapshot's graph stands (chosen namespaces of a live page): the browser draws without laying out. */
  layout?: FirstLayout;
  /** GET /api/overview, for the view of all namespaces (live pages). */
  overview?: OverviewAnswer;
  /** GET /api/snapshot?at=… (a past point in time; the browser asks for it without namespaces). */
  past?: PastSnapshotAnswer;
}

/**
 * Who the page is for, settled before anything is sent; then what its first HTML holds, read as
 * the API would answer the browser: the same viewer, the same filtering. The view is a promise so
 * the page can send its shell (and the browser start loading scripts) while the server reads and
 * renders it. Each part the server could not read in time is left out, and the browser loads it
 * itself as before.
 */
export type FirstPaint =
  // signIn: the person must sign in (token, oidc: no live session): the page goes there, nothing read.
  { signIn: true } | { signIn: false; view: Promise<FirstPaintView> };

/**
 * How long the page waits for what it prefetches. A store still opening (an API server that is
 * down when Weir starts) or slow access reviews must not hold the page back: past this the
 * browser loads and says "Loading the mesh…", as it did before.
 */
export const FIRST_PAINT_WAIT_MS = 5_000;

/** The home page's data, for the person `headers` identify, for the view `params` asks for. */
export async function firstPaint(
  headers: Headers,
  params: URLSearchParams,
  waitMs = FIRST_PAINT_WAIT_MS,
): Promise<FirstPaint> {
  let stop = () => {};
  const deadline = new Promise<undefined>((resolve) => {
    const timer = setTimeout(resolve, waitMs);
    stop = () => clearTimeout(timer);
  });
  const viewer = await identify(headers, deadline);
  if (viewer === 'sign-in') {
    stop();
    return { signIn: true };
  }
  const view = viewer ? read(viewer, params, deadline) : Promise.resolve({});
  return { signIn: false, view: view.finally(stop) };
}

/** The person the headers name; 'sign-in' for a session that has ended; undefined: the browser asks. */
async function identify(
  headers: Headers,
  deadline: Promise<undefined>,
): Promise<Viewer | 'sign-in' | undefined> {
  // Only the headers identify the person (the session cookie, a proxy's headers); the address is unused.
  const request = new Request('http://weir.invalid/', { headers });
  try {
    return await Promise.race([viewerOf(request), deadline]);
  } catch (error) {
    // The page never reads for someone without a session: the sign-in page, told why.
    if (mustSignIn(error)) return 'sign-in';
    skipped('viewer', error);
    return undefined;
  }
}

async function read(
  viewer: Viewer,
  params: URLSearchParams,
  deadline: Promise<undefined>,
): Promise<FirstPaintView> {
  const at = params.get('at');
  const [session, live, past] = await Promise.all([
    within(deadline, 'session', () => sessionAnswer(viewer)),
    at ? undefined : liveView(viewer, params, deadline),
    at ? within(deadline, 'past snapshot', () => pastAt(viewer, params)) : undefined,
  ]);
  return { session, snapshot: live?.snapshot, layout: live?.layout, overview: live?.overview, past };
}

/**
 * The live view's data: for chosen namespaces their snapshot; for all of them the overview
 * first (GET /api/overview), and the whole snapshot only when the overview says the mesh is
 * small enough to draw whole: the HTML never carries a large mesh the page would not draw.
 */
async function liveView(
  viewer: Viewer,
  params: URLSearchParams,
  deadline: Promise<undefined>,
): Promise<Pick<FirstPaintView, 'snapshot' | 'layout' | 'overview'>> {
  const asked = params.getAll('namespace');
  if (asked.length > 0) {
    const snapshot = await within(deadline, 'snapshot', () => viewer.snapshot(viewNamespaces(params)));
    if (!snapshot) return {};
    // Keyed as the page keys its layouts: the namespaces as the address lists them.
    const layout = await within(deadline, 'layout', () =>
      firstLayout(snapshot, viewNamespaces(params), asked.join('\n')),
    );
    return { snapshot, layout };
  }
  const overview = await within(deadline, 'overview', () => overviewFor(viewer));
  if (!overview || overview.large) return { overview };
  const snapshot = await within(deadline, 'snapshot', () => viewer.snapshot([]));
  if (!snapshot) return { overview };
  return {
    overview,
    snapshot,
    layout: await within(deadline, 'layout', () => firstLayout(snapshot, [], '')),
  };
}

function pastAt(viewer: Viewer, params: URLSearchParams): Promise<PastSnapshotAnswer | undefined> {
  const at = readTime(params, 'at');
  return at ? pastSnapshot(viewer, at) : Promise.resolve(undefined);
}

async function within<T>(
  deadline: Promise<undefined>,
  part: string,
  read: () => Promise<T | undefined>,
): Promise<T | undefined> {
  try {
    return await Promise.race([read(), deadline]);
  } catch (error) {
    // The browser asks again and shows the error in words (a bad ?namespace=, a store down).
    skipped(part, error);
    return undefined;
  }
}

function mustSignIn(error: unknown): boolean {
  return (
    isMeshError(error) &&
    error.code === 'Unauthorized' &&
    Boolean((error.details as { signIn?: string } | undefined)?.signIn)
  );
}

function skipped(part: string, error: unknown): void {
  log().debug({ part, err: error }, 'first paint: left to the browser');
}
