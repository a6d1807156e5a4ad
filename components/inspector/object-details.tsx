import type { StoredObject } from '@/lib/mesh/types';
import { LastCommitFact } from './last-commit';
import { objectFacts } from './object-facts';
import { YamlView } from './yaml-view';

/** Everything about one object: the first facts, where it comes from, and all of it as YAML. */
export function ObjectDetails({ object }: { object: StoredObject }) {
  const { source, ...rest } = object;
  const shown = object.kind === 'Invalid' ? object.raw : rest;
  return (
    <section className="flex flex-col gap-2">
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
        {objectFacts(object).map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className="break-words text-slate-900">{value}</dd>
          </div>
        ))}
        {object.metadata.resourceVersion && (
          <div className="contents">
            <dt className="text-slate-500">resourceVersion</dt>
            <dd className="font-mono text-slate-900">{object.metadata.resourceVersion}</dd>
          </div>
        )}
        {source && (
          <div className="contents">
            <dt className="text-slate-500">File</dt>
            <dd className="break-all font-mono text-slate-900">
              {source.file}:{source.line}
            </dd>
          </div>
        )}
        {source && <LastCommitFact object={object} />}
      </dl>
      <h3 className="mt-1 text-[11px] font-medium uppercase tracking-wide text-slate-500">
        {object.kind === 'Invalid' ? 'As read (not understood)' : 'YAML (read-only)'}
      </h3>
      {object.kind !== 'Invalid' && !source && (
        // Said, so the YAML below is not taken for all of the object (lib/mesh/last-applied.ts).
        <p className="text-[11px] text-slate-500" data-testid="yaml-left-out">
          As Weir holds it: without kubectl&apos;s last-applied-configuration annotation, if it has one, and
          with managedFields as who wrote when. <code>kubectl get -o yaml</code> shows both in full.
        </p>
      )}
      <YamlView value={shown} />
    </section>
  );
}
