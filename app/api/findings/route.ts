import type { FindingsAnswer } from '@/lib/api/graph';
import { readEndpoint } from '@/lib/server/endpoint';
import { findingsOf } from '@/lib/server/findings';
import { viewNamespaces } from '@/lib/server/view-namespaces';

/** Every finding of the rules, optionally for some namespaces: `{sequence, findings}`. */
export const GET = readEndpoint(
  (viewer, query): Promise<FindingsAnswer> => findingsOf(viewer, viewNamespaces(query)),
);
