'use client';

import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useState } from 'react';
import { searchQuery } from '@/lib/client/overview-query';

interface OverviewSearchProps {
  onOpen: (namespace: string) => void;
}

/** Waits this long after the last key before asking the server. */
const DEBOUNCE_MS = 200;

/**
 * Search over the whole mesh, answered by the server's index (the page holds no objects in
 * the overview): each hit names the namespace it lives in, and choosing one opens it.
 */
export function OverviewSearch({ onOpen }: OverviewSearchProps) {
  const [text, setText] = useState('');
  const [asked, setAsked] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setAsked(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const deferred = useDeferredValue(asked);
  const answer = useQuery(searchQuery(deferred));
  const hits = deferred && answer.data ? answer.data.hits : [];
  return (
    <div className="relative">
      <input
        type="search"
        aria-label="Search the mesh by host or name"
        placeholder="Find a host, VirtualService or service"
        className="w-72 rounded-md border border-slate-300 px-2.5 py-1 text-sm placeholder:text-slate-400"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          const first = hits[0];
          if (event.key === 'Enter' && first) onOpen(first.namespace);
        }}
      />
      {deferred && answer.data && (
        <div className="absolute left-0 z-30 mt-1 max-h-96 w-[28rem] overflow-y-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg">
          {hits.length === 0 ? (
            <p className="px-3 py-1.5 text-sm text-slate-500">
              Nothing you may see is named like “{deferred}”.
            </p>
          ) : (
            <ul aria-label="Search results">
              {hits.map((hit) => (
                <li key={`${hit.kind}/${hit.namespace}/${hit.name}`}>
                  <button
                    type="button"
                    className="flex w-full flex-col px-3 py-1 text-left hover:bg-slate-50"
                    onClick={() => onOpen(hit.namespace)}
                  >
                    <span className="break-all text-sm text-slate-900">
                      <span className="text-slate-500">{hit.kind}</span> {hit.name}
                      <span className="text-slate-500"> in </span>
                      <span className="font-medium">{hit.namespace}</span>
                    </span>
                    {hit.matched !== hit.name && (
                      <span className="break-all text-xs text-slate-500">matches {hit.matched}</span>
                    )}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {answer.data.more && (
            <p className="px-3 py-1 text-xs text-slate-500">More match: type more of the name.</p>
          )}
        </div>
      )}
    </div>
  );
}
