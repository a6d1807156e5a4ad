'use client';

import { useState } from 'react';
import type { ExportAnswer } from '@/lib/api/changes';
import type { ApiError } from '@/lib/client/api-error';
import { type ExportFormat, fetchExport } from '@/lib/client/export-change';
import type { MeshChange } from '@/lib/mesh/changes';
import { SmallButton } from './fields';

const FORMATS: Array<{ format: ExportFormat; label: string; file: string }> = [
  { format: 'manifest', label: 'Manifest', file: 'manifest.yaml' },
  { format: 'diff', label: 'Unified diff', file: 'change.diff' },
  { format: 'patch', label: 'kubectl patch', file: 'patch.sh' },
];

/**
 * For teams who apply routing through Git: the reviewed change as the changed manifest, a
 * unified diff, or a kubectl patch guarded by the version it was made against.
 */
export function ExportChange({ change, resourceVersion }: { change: MeshChange; resourceVersion: string }) {
  const [exported, setExported] = useState<ExportAnswer>();
  const [format, setFormat] = useState<ExportFormat>('manifest');
  const [error, setError] = useState<string>();
  const [copied, setCopied] = useState(false);

  const open = () =>
    fetchExport(change, resourceVersion).then(setExported, (e: ApiError) => setError(e.message));

  if (!exported) {
    return (
      <div className="flex flex-col gap-1">
        <div>
          <SmallButton onClick={() => void open()}>Export instead…</SmallButton>
        </div>
        {error && <p className="text-xs text-red-700">{error}</p>}
      </div>
    );
  }
  const text = exported[format];
  const file = FORMATS.find((f) => f.format === format)?.file ?? 'change.txt';
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: file });
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <section aria-label="Export the change" className="flex flex-col gap-1.5 border-t border-sky-200 pt-2">
      <div role="tablist" className="flex gap-1">
        {FORMATS.map((f) => (
          <button
            key={f.format}
            type="button"
            role="tab"
            aria-selected={f.format === format}
            onClick={() => {
              setFormat(f.format);
              setCopied(false);
            }}
            className={`rounded px-2 py-0.5 text-xs ${f.format === format ? 'bg-sky-700 text-white' : 'bg-white text-slate-700 ring-1 ring-slate-300'}`}
          >
            {f.label}
          </button>
        ))}
      </div>
      <pre
        data-testid={`export-${format}`}
        className="max-h-60 overflow-auto whitespace-pre-wrap break-all rounded border border-slate-200 bg-white p-1.5 font-mono text-[11px] leading-4"
      >
        {text}
      </pre>
      <div className="flex gap-2">
        <SmallButton
          onClick={() =>
            void navigator.clipboard.writeText(text).then(
              () => setCopied(true),
              () => setError('the browser did not allow copying; select the text instead'),
            )
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </SmallButton>
        <SmallButton onClick={download}>Download {file}</SmallButton>
      </div>
      {error && <p className="text-xs text-red-700">{error}</p>}
    </section>
  );
}
