'use client';

import { useMemo, useState } from 'react';
import type { Finding, Severity } from '@/lib/validate/types';
import { SEVERITY_STYLE } from '../graph/problem-badge';
import {
  countBySeverity,
  facetsOf,
  filterFindings,
  findingKey,
  NO_FILTER,
  objectLabel,
  SEVERITIES,
} from './filter-findings';
import { RuleDocs } from './rule-docs';

const SEVERITY_TEXT: Record<Severity, string> = {
  error: 'text-red-700',
  warning: 'text-amber-800',
  info: 'text-sky-800',
};

interface ProblemsPanelProps {
  /** The findings of what the page shows, sorted (errors first). */
  findings: readonly Finding[];
  /** Select the finding's object on the canvas, centre it and open it in the inspector. */
  onFocus: (finding: Finding) => void;
  onClose: () => void;
}

/** Every problem of the visible mesh as a list, narrowed by severity, namespace, code and text. */
export function ProblemsPanel({ findings, onFocus, onClose }: ProblemsPanelProps) {
  const [filter, setFilter] = useState(NO_FILTER);
  const shown = useMemo(() => filterFindings(findings, filter), [findings, filter]);
  const facets = useMemo(() => facetsOf(findings), [findings]);
  const counts = useMemo(() => countBySeverity(findings), [findings]);

  const toggleSeverity = (severity: Severity) =>
    setFilter((current) => {
      const severities = new Set(current.severities);
      if (!severities.delete(severity)) severities.add(severity);
      return { ...current, severities };
    });

  return (
    <section
      id="problems-panel"
      aria-label="Problems"
      className="flex max-h-72 shrink-0 flex-col border-t border-slate-300 bg-white"
    >
      <header className="flex items-start gap-2 border-b border-slate-200 px-4 py-1.5 text-xs">
        <div className="flex min-w-0 flex-1 flex-wrap items-center gap-x-4 gap-y-1">
          <h2 className="text-[11px] font-semibold uppercase tracking-wide text-slate-600">Problems</h2>
          <fieldset className="flex items-center gap-3">
            <legend className="sr-only">Severity</legend>
            {SEVERITIES.map((severity) => (
              <label key={severity} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={filter.severities.has(severity)}
                  onChange={() => toggleSeverity(severity)}
                />
                <span className={SEVERITY_TEXT[severity]}>
                  {severity} ({counts[severity]})
                </span>
              </label>
            ))}
          </fieldset>
          <select
            aria-label="Namespace of the problems"
            className="rounded border border-slate-300 px-1.5 py-0.5"
            value={filter.namespace}
            onChange={(event) => setFilter({ ...filter, namespace: event.target.value })}
          >
            <option value="">All namespaces</option>
            {facets.namespaces.map((namespace) => (
              <option key={namespace} value={namespace}>
                {namespace}
              </option>
            ))}
          </select>
          <select
            aria-label="Code of the problems"
            className="max-w-48 rounded border border-slate-300 px-1.5 py-0.5"
            value={filter.code}
            onChange={(event) => setFilter({ ...filter, code: event.target.value })}
          >
            <option value="">All codes</option>
            {facets.codes.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
          <input
            type="search"
            aria-label="Search the problems"
            placeholder="Filter problems"
            className="w-40 rounded border border-slate-300 px-2 py-0.5 placeholder:text-slate-400"
            value={filter.text}
            onChange={(event) => setFilter({ ...filter, text: event.target.value })}
          />
          <span className="text-slate-500">
            {shown.length === findings.length
              ? `${findings.length} shown`
              : `${shown.length} of ${findings.length}`}
          </span>
        </div>
        <button
          type="button"
          aria-label="Close the problems panel"
          className="rounded px-2 text-lg leading-none text-slate-500 hover:bg-slate-100 hover:text-slate-800"
          onClick={onClose}
        >
          ×
        </button>
      </header>
      {shown.length === 0 ? (
        <p className="px-4 py-3 text-xs text-slate-500">
          {findings.length === 0
            ? 'No problems found in what is shown.'
            : 'No problem matches these filters.'}
        </p>
      ) : (
        <ul className="min-h-0 flex-1 divide-y divide-slate-100 overflow-y-auto text-xs">
          {shown.map((finding) => (
            <ProblemRow key={findingKey(finding)} finding={finding} onFocus={onFocus} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ProblemRow({ finding, onFocus }: { finding: Finding; onFocus: (finding: Finding) => void }) {
  const [open, setOpen] = useState(false);
  const style = SEVERITY_STYLE[finding.severity];
  const object = objectLabel(finding);
  return (
    <li>
      <div className="flex items-center gap-2 pr-3">
        <button
          type="button"
          title={`${finding.message}\n${object} · ${finding.path}`}
          className="flex min-w-0 flex-1 items-center gap-3 px-4 py-1.5 text-left hover:bg-slate-50"
          onClick={() => onFocus(finding)}
        >
          <span
            role="img"
            aria-label={finding.severity}
            className={`inline-flex h-4 w-4 shrink-0 items-center justify-center rounded-full text-[10px] font-bold ${style.badge}`}
          >
            {style.icon}
          </span>
          <span className={`w-60 shrink-0 truncate font-mono ${SEVERITY_TEXT[finding.severity]}`}>
            {finding.code}
            {finding.istioCode && <span className="text-slate-500"> {finding.istioCode}</span>}
          </span>
          <span className="w-60 min-w-24 shrink truncate text-slate-800">{object}</span>
          <span className="min-w-40 flex-1 truncate text-slate-600">{finding.message}</span>
        </button>
        <button
          type="button"
          aria-expanded={open}
          className="shrink-0 rounded px-1.5 py-0.5 text-slate-600 hover:bg-slate-100"
          onClick={() => setOpen(!open)}
        >
          {open ? 'Hide why / fix' : 'Why / fix'}
        </button>
      </div>
      {open && (
        <div className="bg-slate-50 px-11 py-2">
          <RuleDocs code={finding.code} />
        </div>
      )}
    </li>
  );
}
