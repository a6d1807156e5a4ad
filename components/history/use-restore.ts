'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiError } from '@/lib/client/api-error';
import { apiFetch } from '@/lib/client/api-fetch';
import { withObject } from '@/lib/client/pending-changes';
import { SNAPSHOT_KEY } from '@/lib/client/queries';
import { isOutcomeUnknown } from '@/lib/client/write-outcome';
import type { SetWeights } from '@/lib/mesh/changes';
import type { MeshObject, MeshSnapshot } from '@/lib/mesh/types';

interface RestoreRequest {
  change: SetWeights;
  resourceVersion: string;
  note: string;
}

/**
 * Puts earlier weights back as a new SetWeights change through POST /api/changes: the server
 * checks permission, controllers, validity and the version exactly as for any other change.
 */
export function useRestore() {
  const queryClient = useQueryClient();
  return useMutation<{ object: MeshObject }, ApiError, RestoreRequest>({
    mutationKey: ['restore'],
    retry: false,
    mutationFn: (request) => apiFetch('/api/changes', { method: 'POST', body: request }),
    onSuccess: (response) => {
      queryClient.setQueryData<MeshSnapshot>(
        SNAPSHOT_KEY,
        (snapshot) => snapshot && withObject(snapshot, response.object),
      );
      void queryClient.invalidateQueries({ queryKey: ['history'] });
    },
    // Sent and never answered: maybe applied. Read the object and its history again.
    onError: (error) => {
      if (!isOutcomeUnknown(error)) return;
      void queryClient.invalidateQueries({ queryKey: SNAPSHOT_KEY });
      void queryClient.invalidateQueries({ queryKey: ['history'] });
    },
  });
}
