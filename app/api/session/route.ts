import type { SessionAnswer } from '@/lib/api/session';
import { readEndpoint } from '@/lib/server/endpoint';
import { sessionAnswer } from '@/lib/server/session-answer';

/**
 * Who is looking and what they may do: `{user, groups, auth, readOnly, readOnlyReason?,
 * writableNamespaces, signOut, backend, demo, source}`.
 */
export const GET = readEndpoint((viewer): Promise<SessionAnswer> => sessionAnswer(viewer));
