import type { ChangeAnswer } from '@/lib/api/changes';
import { changeBody, submitRequestedChange } from '@/lib/server/change-requests';
import { writeEndpoint } from '@/lib/server/endpoint';
import { observeWrite } from '@/lib/server/observe-write';

/** Writes one change; the server checks CSRF, who, RBAC, controllers and validity itself. */
export const POST = writeEndpoint(
  changeBody,
  (body, viewer, request): Promise<ChangeAnswer> =>
    // Counted, logged, and waited for by a shutdown.
    observeWrite(
      { request, user: viewer.session.user, change: body.change, dryRun: body.dryRun },
      submitRequestedChange(viewer, body),
    ),
);
