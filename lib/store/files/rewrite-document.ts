import 'server-only';
import {
  type Document,
  isAlias,
  isMap,
  isNode,
  isSeq,
  type Node,
  parseAllDocuments,
  type ToStringOptions,
  visit,
} from 'yaml';
import { InvalidError } from '../../mesh/errors';
import { type ManifestFile, readManifestText, YAML_OPTIONS } from './manifest-file';
import { alignArrays, deepEqual, isRecord } from './plain-values';
import { applyTextEdits, planTextEdits, type TextStyle } from './yaml-text-edit';

/**
 * The file's new text, with document `index` holding `intended` and every other byte as it
 * was wherever possible. First as small text edits (a weight drag changes only those
 * numbers); when a change cannot be made that way, that one document is edited through
 * yaml's Document API and written again (comments kept, some spacing normalised); as a last
 * resort anchors in it are expanded. Each attempt is parsed back and must hold exactly
 * `intended` while every other document stays byte for byte the same.
 */
export function rewriteDocument(file: ManifestFile, index: number, intended: unknown): string {
  const target = file.documents[index];
  if (!target) throw new InvalidError(`${file.file} has no document ${index}`);
  const before = target.doc.toJS();
  const style = detectStyle(file.text, target.doc);

  const edits = planTextEdits(file.text, target.doc, before, intended, style);
  if (edits?.every((edit) => edit.start >= target.span[0] && edit.end <= target.span[1])) {
    const text = applyTextEdits(file.text, edits);
    if (holds(file, index, text, intended)) return text;
  }
  for (const expandAnchors of [false, true]) {
    const text = rerender(file, index, before, intended, style, expandAnchors);
    if (text !== undefined && holds(file, index, text, intended)) return text;
  }
  throw new InvalidError(
    `Weir cannot write this change into ${file.file} without changing other values (anchors or merge keys); edit the file by hand`,
  );
}

/** The file's line ending and indentation, read from the document being edited. */
export function detectStyle(text: string, doc: Document): TextStyle {
  const style: Partial<TextStyle> = { eol: text.includes('\r\n') ? '\r\n' : '\n' };
  const column = (pos: number) => pos - (text.lastIndexOf('\n', pos - 1) + 1);
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key;
      const value = pair.value;
      if (!isNode(key) || !key.range || !isNode(value) || !value.range) return;
      const first = isMap(value) && !value.flow ? (value.items[0]?.key as Node | undefined) : undefined;
      if (style.indent === undefined && first?.range) {
        const indent = column(first.range[0]) - column(key.range[0]);
        if (indent > 0 && text.slice(first.range[0] - column(first.range[0]), first.range[0]).trim() === '') {
          style.indent = indent;
        }
      }
      const item = isSeq(value) && !value.flow ? (value.items[0] as Node | undefined) : undefined;
      if (style.indentSeq === undefined && item?.range) {
        const line = text.slice(item.range[0] - column(item.range[0]), item.range[0]);
        const dash = /^(\s*)-/.exec(line);
        if (dash) style.indentSeq = (dash[1] as string).length > column(key.range[0]);
      }
      if (style.indent !== undefined && style.indentSeq !== undefined) return visit.BREAK;
    },
  });
  return {
    eol: style.eol as TextStyle['eol'],
    indent: style.indent ?? 2,
    indentSeq: style.indentSeq ?? true,
  };
}

function holds(file: ManifestFile, index: number, text: string, intended: unknown): boolean {
  const next = readManifestText(file.file, text);
  if (next.error !== undefined || next.documents.length !== file.documents.length) return false;
  return next.documents.every((document, i) =>
    i === index ? deepEqual(document.doc.toJS(), intended) : document.hash === file.documents[i]?.hash,
  );
}

function rerender(
  file: ManifestFile,
  index: number,
  before: unknown,
  intended: unknown,
  style: TextStyle,
  expandAnchors: boolean,
): string | undefined {
  const [start, end] = file.documents[index]?.span ?? [0, 0];
  // A fresh parse to mutate: the held documents stay as they were read.
  const doc = [...parseAllDocuments(file.text, YAML_OPTIONS)][index];
  if (!doc) return undefined;
  if (expandAnchors) expandAliases(doc);
  try {
    editDocument(doc, [], before, intended);
  } catch {
    return undefined;
  }
  const options: ToStringOptions = { indent: style.indent, indentSeq: style.indentSeq, lineWidth: 0 };
  const original = file.text.slice(start, end);
  const trailing = /\s*$/.exec(original)?.[0] ?? '';
  const rendered = doc.toString(options).trimEnd() + trailing.replace(/\r/g, '');
  return file.text.slice(0, start) + rendered.replace(/\n/g, style.eol) + file.text.slice(end);
}

/** Applies the difference between two plain values to a document as setIn/deleteIn calls. */
function editDocument(doc: Document, path: unknown[], before: unknown, after: unknown): void {
  if (deepEqual(before, after)) return;
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (isRecord(before) && isRecord(after) && isMap(node)) {
    for (const key of Object.keys(before)) if (!(key in after)) doc.deleteIn([...path, key]);
    for (const [key, value] of Object.entries(after)) {
      if (key in before) editDocument(doc, [...path, key], before[key], value);
      else doc.setIn([...path, key], doc.createNode(value));
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && isSeq(node)) {
    const items: unknown[] = new Array(after.length);
    const changed: Array<[number, number]> = [];
    for (const step of alignArrays(before, after)) {
      if (step.op === 'keep') items[step.to] = node.items[step.from];
      else if (step.op === 'change') {
        items[step.to] = node.items[step.from];
        changed.push([step.from, step.to]);
      } else if (step.op === 'add') items[step.to] = doc.createNode(after[step.to]);
    }
    node.items = items;
    for (const [from, to] of changed) editDocument(doc, [...path, to], before[from], after[to]);
    return;
  }
  if (path.length === 0) throw new Error('the document is not a map');
  doc.setIn(path, after !== null && typeof after === 'object' ? doc.createNode(after) : after);
}

// Every `*alias` becomes a copy of what it points to, and anchors go, so an edit changes
// one place only.
function expandAliases(doc: Document): void {
  for (let round = 0; round < 100; round++) {
    let found = false;
    visit(doc, {
      Alias(_, alias) {
        const target = alias.resolve(doc);
        found = true;
        return target ? (target.clone() as Node) : doc.createNode(null);
      },
    });
    if (!found) break;
  }
  visit(doc, {
    Node(_, node) {
      if (!isAlias(node) && 'anchor' in node) node.anchor = undefined;
    },
  });
}
