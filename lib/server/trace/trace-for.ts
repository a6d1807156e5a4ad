import 'server-only';
import { type GatewayApiIndex, indexGatewayApi } from '../../graph/gateway-api/gateway-api-index';
import { indexSnapshot, type MeshIndex } from '../../graph/index-snapshot';
import { InvalidError } from '../../mesh/errors';
import { snapshotAt } from '../../mesh/snapshot-at';
import type { MeshSnapshot } from '../../mesh/types';
import type { TraceInput } from '../../trace/request';
import { traceRequest } from '../../trace/trace';
import type { TraceAnswer } from '../../trace/types';
import type { Viewer } from '../auth/viewer';
import { listHistory } from '../history/list-history';

// As many changes as Weir reads to rebuild a past snapshot (the snapshot endpoint's limit).
const MAX_CHANGES = 2_000;

/** `at` from a query string: absent, or a date and time (422 naming `at` otherwise). */
export function readAt(value: string | null): string | undefined {
  if (value === null || value === '') return undefined;
  if (value.length > 64 || Number.isNaN(Date.parse(value)))
    throw new InvalidError(`at is not a date and time: ${JSON.stringify(value.slice(0, 64))}`, undefined, [
      { path: 'at', message: 'an ISO date and time' },
    ]);
  return new Date(value).toISOString();
}

/**
 * Traces a request through what the person may see: the routing as it stands, or as it was
 * at `at` (rebuilt from the history they may see, as `/?at=` does). Reads only.
 */
export async function traceFor(viewer: Viewer, input: TraceInput, at?: string): Promise<TraceAnswer> {
  const current = await viewer.snapshot();
  let snapshot: MeshSnapshot = current;
  let past: TraceAnswer['past'];
  if (at) {
    const changes = await listHistory(viewer, { from: at, limit: MAX_CHANGES });
    const rebuilt = snapshotAt(current, changes, at);
    snapshot = rebuilt.snapshot;
    past = { at: rebuilt.at, approximate: rebuilt.approximate, complete: changes.length < MAX_CHANGES };
  }
  const { index, gatewayApi } = past
    ? { index: indexSnapshot(snapshot), gatewayApi: indexGatewayApi(snapshot) }
    : currentIndex(snapshot);
  return {
    sequence: snapshot.sequence,
    result: traceRequest(index, input, gatewayApi),
    ...(past && { past }),
  };
}

// The store's sequence grows with every change, so one sequence and one set of visible keys
// is one set of objects: the index (and what the trace memoizes on it) serves every trace
// until the next change. A few are kept, for people who see different parts. The mesh config
// is per person too (visibility.syncFor: unknown to one who may not read it), so where it is
// read and whether it is known are part of the key: else one person's outbound policy would
// answer another's trace.
const indexes: Array<{ sequence: number; keys: string; index: MeshIndex; gatewayApi: GatewayApiIndex }> = [];
const KEPT = 4;

function currentIndex(snapshot: MeshSnapshot): { index: MeshIndex; gatewayApi: GatewayApiIndex } {
  const keys = `${JSON.stringify(meshConfigState(snapshot))}\n${Object.keys(snapshot.objects).join('\n')}`;
  const known = indexes.find((entry) => entry.sequence === snapshot.sequence && entry.keys === keys);
  if (known) return known;
  const entry = {
    sequence: snapshot.sequence,
    keys,
    index: indexSnapshot(snapshot),
    gatewayApi: indexGatewayApi(snapshot),
  };
  indexes.unshift(entry);
  indexes.length = Math.min(indexes.length, KEPT);
  return entry;
}

/** What of the mesh config the person's trace depends on: where, whether known, whether held. */
function meshConfigState(snapshot: MeshSnapshot): [string, string, string | null, boolean] | null {
  const source = snapshot.sync.meshConfig;
  if (!source) return null;
  const held = Object.hasOwn(snapshot.objects, `ConfigMap/${source.namespace}/${source.name}`);
  return [source.namespace, source.name, source.unknown ?? null, held];
}
