'use client';

import { useQuery } from '@tanstack/react-query';
import { traceQuery } from '@/lib/client/trace-query';
import { encodeTrace } from '@/lib/trace/permalink';
import type { TraceInput } from '@/lib/trace/request';
import type { TraceResult } from '@/lib/trace/types';
import { TraceForm } from './trace-form';

interface Props {
  input?: TraceInput;
  at: string;
  gateways: string[];
  namespaces: string[];
  onTrace: (input: TraceInput) => void;
  onClose: () => void;
}

const OUTCOME: Record<TraceResult['outcome']['kind'], string> = {
  routed: 'Routed',
  redirect: 'Redirected',
  'direct-response': 'Answered by the proxy',
  'https-redirect': 'Redirected to HTTPS',
  'not-found': 'Not found (404)',
  'no-listener': 'Refused: no listener',
  closed: 'Connection closed',
  passthrough: 'Passed through',
  blackhole: 'Dropped',
  'policy-unknown': 'Blocked or passed through: outbound policy unknown',
};

/** The Trace panel: the request, and Istio's answer step by step beside the highlighted path. */
export function TracePanel({ input, at, gateways, namespaces, onTrace, onClose }: Props) {
  const trace = useQuery(traceQuery(input, at));
  const result = trace.data?.result;
  // Relative, so the panel also renders on the server (a /?trace= link's first paint); the
  // copied link is made absolute in the browser.
  const link = input ? `/?${at ? `at=${encodeURIComponent(at)}&` : ''}trace=${encodeTrace(input)}` : '';
  return (
    <aside
      aria-label="Trace a request"
      className="flex w-[27rem] shrink-0 flex-col overflow-y-auto border-l border-slate-200 bg-white"
    >
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-2">
        <h2 className="text-sm font-semibold">Where does this request go?</h2>
        <button
          type="button"
          aria-label="Close the trace"
          className="rounded px-2 text-slate-500 hover:bg-slate-100"
          onClick={onClose}
        >
          ×
        </button>
      </div>
      <div className="border-b border-slate-200 px-4 py-3">
        <TraceForm
          key={input ? encodeTrace(input) : 'new'}
          initial={input}
          gateways={gateways}
          namespaces={namespaces}
          onTrace={onTrace}
        />
      </div>
      <div className="px-4 py-3 text-sm">
        {trace.isFetching && <p className="text-slate-500">Tracing…</p>}
        {trace.isError && (
          <div role="alert" className="text-red-700">
            <p className="font-medium">{trace.error.message}</p>
          </div>
        )}
        {result && (
          <div className="flex flex-col gap-3">
            <p
              data-testid="trace-outcome"
              className={`font-semibold ${result.outcome.kind === 'routed' ? 'text-emerald-700' : 'text-amber-800'}`}
            >
              {OUTCOME[result.outcome.kind]}
              {trace.data?.past && (
                <span className="font-normal text-slate-500"> · as of {trace.data.past.at}</span>
              )}
            </p>
            <ol className="flex flex-col gap-1" aria-label="Steps">
              {result.steps.map((step, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: steps are a fixed list per answer
                <li key={i} className="flex gap-2">
                  <span aria-hidden className={step.ok ? 'text-emerald-600' : 'text-slate-400'}>
                    {step.ok ? '✓' : '✗'}
                  </span>
                  <span className={`break-words ${step.kind === 'outcome' ? 'font-medium' : ''}`}>
                    {step.text}
                  </span>
                </li>
              ))}
            </ol>
            {result.destinations.length > 0 && (
              <table className="w-full text-xs" aria-label="Destinations">
                <thead className="text-left text-slate-500">
                  <tr>
                    <th className="font-normal">Share</th>
                    <th className="font-normal">Destination</th>
                    <th className="font-normal">Pods</th>
                  </tr>
                </thead>
                <tbody>
                  {result.destinations.map((d) => (
                    <tr key={d.cluster} className="align-top">
                      <td className="pr-2 font-semibold tabular-nums">{Math.round(d.share * 1000) / 10}%</td>
                      <td className="pr-2 font-mono [overflow-wrap:anywhere]">
                        {/* Line breaks after Envoy's separators, not inside a host name. */}
                        {d.cluster.split('|').map((part, i) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: the cluster name's fixed parts
                          <span key={i}>
                            {i > 0 && '|'}
                            {i > 0 && <wbr />}
                            {part}
                          </span>
                        ))}
                      </td>
                      <td className="tabular-nums">{d.pods ? `${d.pods.ready}/${d.pods.total}` : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {result.problems.length > 0 && (
              <ul className="text-amber-800">
                {result.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            )}
            <div className="flex items-center gap-2">
              <button
                type="button"
                className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50"
                onClick={() => void navigator.clipboard?.writeText(new URL(link, window.location.href).href)}
              >
                Copy link
              </button>
              <span className="truncate text-xs text-slate-500" title={link}>
                {link}
              </span>
            </div>
          </div>
        )}
      </div>
    </aside>
  );
}
