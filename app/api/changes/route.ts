import type { ChangeAnswer } from '@/lib/api/changes';
import { changeBody, submitRequestedChange } from '@/lib/server/change-requests';
import { writeEndpoint } from '@/lib/server/endpoint';

/** Writes one change; the server checks CSRF, who, RBAC, controllers and validity itself. */
export const POST = writeEndpoint(
  changeBody,
  (body, viewer): Promise<ChangeAnswer> => submitRequestedChange(viewer, body),
);
