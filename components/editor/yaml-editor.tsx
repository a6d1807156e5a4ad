'use client';

import { yaml } from '@codemirror/lang-yaml';
import { type Diagnostic, linter, setDiagnostics } from '@codemirror/lint';
import { basicSetup, EditorView } from 'codemirror';
import { useEffect, useRef, useState } from 'react';
import { parseDocument, stringify } from 'yaml';
import { kindFieldErrors } from '@/lib/mesh/kind-field-errors';
import { useFieldProblems } from './field-problems';
import type { Path } from './path-form';
import { placeOf } from './yaml-places';

/** The spec as YAML: a mapping, or the parse errors with their places. */
export function readSpecYaml(text: string): { spec?: Record<string, unknown>; errors: Diagnostic[] } {
  const doc = parseDocument(text, { prettyErrors: false });
  const errors: Diagnostic[] = doc.errors.map((e) => ({
    from: e.pos[0],
    to: Math.max(e.pos[1], e.pos[0] + 1),
    severity: 'error',
    message: e.message.split('\n')[0] ?? e.message,
  }));
  if (errors.length > 0) return { errors };
  const spec = doc.toJS() as unknown;
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    return {
      errors: [
        {
          from: 0,
          to: Math.min(1, text.length),
          severity: 'error',
          message: 'the spec must be a mapping of fields',
        },
      ],
    };
  }
  return { spec: spec as Record<string, unknown>, errors };
}

type Marked = Array<{ path: Path; message: string }>;

/** Parse errors, or else the refusal's problems at the places the text writes them. */
function diagnose(text: string, marked: Marked): Diagnostic[] {
  const read = readSpecYaml(text);
  if (read.errors.length > 0) return read.errors;
  return marked.flatMap(({ path, message }): Diagnostic[] => {
    const place = placeOf(text, path);
    return place ? [{ ...place, severity: 'error', message }] : [];
  });
}

/**
 * The object's spec in CodeMirror 6, with YAML highlighting and parse errors marked inline.
 * Metadata is Kubernetes' business (labels, annotations): only the spec is applied, as SetSpec.
 */
export function YamlEditor({
  spec,
  kind,
  onPreview,
  whole = false,
}: {
  spec: unknown;
  /** The object's kind, whose field rules the text is checked by (a new object's says its own). */
  kind?: string;
  onPreview: (spec: Record<string, unknown>) => void;
  /** The text is a whole new manifest (for a create): its `spec` is what fields are checked in. */
  whole?: boolean;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | undefined>(undefined);
  const [text, setText] = useState(() => stringify(spec, { lineWidth: 0 }));
  const initial = useRef(text);
  const refused = useRef<Marked>([]);

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      parent: host.current,
      doc: initial.current,
      extensions: [
        basicSetup,
        yaml(),
        linter((v) => diagnose(v.state.doc.toString(), refused.current), { delay: 250 }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) setText(update.state.doc.toString());
        }),
        EditorView.theme({
          '&': { fontSize: '11px', maxHeight: '28rem' },
          '.cm-scroller': { overflow: 'auto' },
        }),
      ],
    });
    view.current = editor;
    return () => editor.destroy();
  }, []);

  const read = readSpecYaml(text);
  // A refusal's problems are marked at their lines while those still hold what was refused.
  const { problemAt, paths } = useFieldProblems(read.spec);
  const marked = paths.flatMap((path) => {
    const message = problemAt(path);
    return message ? [{ path, message }] : [];
  });
  const markedKey = JSON.stringify(marked);
  useEffect(() => {
    refused.current = JSON.parse(markedKey);
    const editor = view.current;
    if (editor)
      editor.dispatch(setDiagnostics(editor.state, diagnose(editor.state.doc.toString(), refused.current)));
  }, [markedKey]);
  const checked = whole ? (read.spec?.spec as Record<string, unknown> | undefined) : read.spec;
  const checkedKind = whole ? (read.spec?.kind as string | undefined) : kind;
  const fieldErrors =
    checked && typeof checked === 'object' ? kindFieldErrors(checkedKind ?? '', checked) : [];
  return (
    <div className="flex flex-col gap-2">
      <p className="text-[11px] text-slate-500">
        {whole
          ? 'the whole new object: kind, metadata (name, namespace) and spec.'
          : 'spec of the object; metadata and status are left as they are.'}
      </p>
      <div ref={host} data-testid="yaml-editor" className="overflow-hidden rounded border border-slate-300" />
      {read.errors.length > 0 && (
        <ul role="alert" className="text-[11px] text-red-700">
          {read.errors.map((e) => (
            <li key={`${e.from}:${e.message}`}>YAML: {e.message}</li>
          ))}
        </ul>
      )}
      {fieldErrors.length > 0 && (
        <ul role="alert" className="text-[11px] text-red-700">
          {fieldErrors.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              <span className="font-mono">{e.path}</span>: {e.message}
            </li>
          ))}
        </ul>
      )}
      <div>
        <button
          type="button"
          disabled={!read.spec || fieldErrors.length > 0}
          onClick={() => read.spec && onPreview(read.spec)}
          className="rounded border border-sky-700 bg-sky-700 px-2 py-0.5 text-xs font-medium text-white hover:bg-sky-800 disabled:cursor-not-allowed disabled:opacity-50"
        >
          Preview
        </button>
      </div>
    </div>
  );
}
