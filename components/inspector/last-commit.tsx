'use client';

import { useQuery } from '@tanstack/react-query';
import { lastCommitQuery } from '@/lib/client/last-commit-query';
import { keyOf } from '@/lib/mesh/object-key';
import type { StoredObject } from '@/lib/mesh/types';

/** For an object read from a Git checkout: the last commit that touched it. */
export function LastCommitFact({ object }: { object: StoredObject }) {
  const { data } = useQuery(lastCommitQuery(keyOf(object), object.metadata.resourceVersion));
  if (!data) return null;
  return (
    <div className="contents">
      <dt className="text-slate-500">Last commit</dt>
      <dd className="break-words text-slate-900" data-testid="last-commit">
        <span className="font-mono">{data.commit.slice(0, 8)}</span> {data.subject}
        <span className="text-slate-500">
          {' '}
          — {data.author}, {new Date(data.time).toLocaleString()}
        </span>
      </dd>
    </div>
  );
}
