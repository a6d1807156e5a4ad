import type { CreateAccessAnswer } from '@/lib/api/session';
import { createAccess } from '@/lib/server/create-access';
import { readEndpoint } from '@/lib/server/endpoint';

/** `?kind=ReferenceGrant&namespace=…` → `{kind, namespace, allowed, reason?}`: may the person create it there. */
export const GET = readEndpoint((viewer, query): Promise<CreateAccessAnswer> => createAccess(viewer, query));
