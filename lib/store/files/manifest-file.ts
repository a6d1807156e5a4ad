import 'server-only';
import { createHash } from 'node:crypto';
import { type Document, LineCounter, parseAllDocuments } from 'yaml';
import { withoutLastApplied } from '../../mesh/last-applied';
import { parseObject } from '../../mesh/parse';
import type { MeshConfigPlace, SourceLocation, StoredObject } from '../../mesh/types';
import { fileProblem } from './file-problems';
import { isRecord } from './plain-values';

/** How every manifest is parsed: `<<` merge keys work as they do for kubectl. */
export const YAML_OPTIONS = { merge: true, prettyErrors: true } as const;

export interface ManifestDocument {
  /** 0-based position in the file, empty documents included. */
  index: number;
  /** `[start, end)` of the document's text: its leading comments and `---` included. */
  span: [number, number];
  /** Content hash of the document's text: the resourceVersion of what it defines. */
  hash: string;
  doc: Document.Parsed;
  /** What the document holds for Weir: an object, a problem, or nothing (other kinds, empty). */
  object?: StoredObject;
}

export interface ManifestFile {
  /** Relative to the folder, with `/` separators. */
  file: string;
  text: string;
  documents: ManifestDocument[];
  /** The first YAML syntax error: Weir never writes a file that has one. */
  error?: string;
}

/**
 * Reads one file's text into what Weir holds. Never throws: a document that is not YAML or
 * not a Kubernetes object becomes a problem object with its file and line. Of ConfigMaps only
 * the mesh config at `meshConfig` is held (parseObject; default istio-system/istio).
 */
export function readManifestText(file: string, text: string, meshConfig?: MeshConfigPlace): ManifestFile {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { ...YAML_OPTIONS, lineCounter });
  const list: Document.Parsed[] = [...docs];
  const manifest: ManifestFile = { file, text, documents: [] };
  let start = 0;
  list.forEach((doc, index) => {
    const end = index === list.length - 1 ? text.length : doc.range[2];
    const span: [number, number] = [start, end];
    start = end;
    const hash = createHash('sha256').update(text.slice(span[0], span[1])).digest('hex').slice(0, 16);
    // The line an editor should jump to: the document's first content, not its comments.
    const line = lineCounter.linePos(doc.contents?.range[0] ?? doc.range[0]).line;
    const source: SourceLocation = { file, document: index, line };
    const object = documentObject(doc, source, hash, meshConfig);
    if (doc.errors.length > 0 && object?.kind === 'Invalid') manifest.error ??= object.reason;
    manifest.documents.push({ index, span, hash, doc, ...(object && { object }) });
  });
  return manifest;
}

function documentObject(
  doc: Document.Parsed,
  source: SourceLocation,
  hash: string,
  meshConfig: MeshConfigPlace | undefined,
): StoredObject | undefined {
  const [error] = doc.errors;
  if (error) {
    const [at] = error.linePos ?? [];
    const message = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '');
    const place = at ? `${source.file}:${at.line}:${at.col}` : `${source.file}:${source.line}`;
    return fileProblem({ ...source, line: at?.line ?? source.line }, `${place}: not valid YAML: ${message}`);
  }
  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch (thrown) {
    // An alias bomb, or an alias to an anchor that is not there.
    return fileProblem(source, `${source.file}:${source.line}: ${(thrown as Error).message}`);
  }
  if (raw === null || raw === undefined) return undefined;
  if (!isRecord(raw) || typeof raw.kind !== 'string') {
    return fileProblem(
      source,
      `${source.file}:${source.line}: not a Kubernetes object (it has no kind)`,
      raw,
    );
  }
  // As on a cluster, kubectl's last-applied-configuration is not held (an update keeps it in the file).
  const parsed = parseObject(withoutLastApplied(withScope(raw)), source, meshConfig);
  if (parsed === undefined) return undefined;
  if (!parsed.metadata.name) {
    return fileProblem(source, `${source.file}:${source.line}: ${raw.kind} has no metadata.name`, raw);
  }
  if (parsed.kind === 'Invalid') {
    return {
      ...parsed,
      metadata: { ...parsed.metadata, resourceVersion: hash },
      reason: `${parsed.reason} (${source.file}:${source.line})`,
    };
  }
  return { ...parsed, metadata: { ...parsed.metadata, resourceVersion: hash } } as StoredObject;
}

// As kubectl applies them: no namespace means `default`; a Namespace has none at all.
function withScope(raw: Record<string, unknown>): Record<string, unknown> {
  if (!isRecord(raw.metadata)) return raw;
  const { namespace, ...metadata } = raw.metadata;
  if (raw.kind === 'Namespace') return { ...raw, metadata };
  if (typeof namespace === 'string' && namespace !== '') return raw;
  return { ...raw, metadata: { ...metadata, namespace: 'default' } };
}
