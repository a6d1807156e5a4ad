import type { LocksAnswer } from '@/lib/api/locks';
import { readEndpoint } from '@/lib/server/endpoint';
import { locksIn } from '@/lib/server/locks';

/**
 * Objects another controller owns, which Weir will not change:
 * `{locks: {"VirtualService/ns/name": {controller, owner, reason, instead}}, error?}`.
 */
export const GET = readEndpoint(
  async (viewer): Promise<LocksAnswer> => locksIn(viewer.handle, await viewer.snapshot()),
);
