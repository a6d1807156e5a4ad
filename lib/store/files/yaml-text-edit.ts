import 'server-only';
import {
  Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  Scalar,
  visit,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { alignArrays, deepEqual, isRecord } from './plain-values';

/** Replace `[start, end)` of the file's text with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** How the file writes YAML, so inserted lines look like their neighbours. */
export interface TextStyle {
  eol: '\n' | '\r\n';
  indent: number;
  /** Whether `- ` items are indented under their key (`key:\n  - a`) or not (`key:\n- a`). */
  indentSeq: boolean;
}

// Thrown when a change cannot be made as a small edit; the caller re-renders the document.
class Unsupported extends Error {}

/**
 * The smallest text edits that turn `before` (the plain value of `root`) into `after`:
 * a changed scalar replaces exactly its own characters, a removed key or list item removes
 * its lines, an added one inserts lines beside its siblings. Everything else in the file,
 * comments and formatting included, is untouched. Undefined when the change needs more than
 * that (an alias in the way, a key only inherited through `<<`): the caller falls back.
 */
export function planTextEdits(
  src: string,
  doc: Document,
  before: unknown,
  after: unknown,
  style: TextStyle,
): TextEdit[] | undefined {
  const planner = new Planner(src, style);
  try {
    planner.value(doc.contents as Node | null, before, after, fail);
    planner.keepAliasesOfChangedAnchors(doc);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  return overlapping(planner.edits) ? undefined : planner.edits;
}

/**
 * Applies edits that do not overlap, from the end of the text backwards. Where a removal and
 * an insertion start at the same place the removal goes first; insertions at the same place
 * end up in the order they were planned.
 */
export function applyTextEdits(src: string, edits: readonly TextEdit[]): string {
  const order = edits.map((edit, index) => ({ edit, index }));
  order.sort((a, b) => b.edit.start - a.edit.start || b.edit.end - a.edit.end || b.index - a.index);
  let out = src;
  for (const { edit } of order) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

class Planner {
  readonly edits: TextEdit[] = [];
  /** Anchors on nodes this change edits: their aliases must keep the old value. */
  private readonly changedAnchors = new Set<string>();

  constructor(
    private readonly src: string,
    private readonly style: TextStyle,
  ) {}

  value(node: Node | null, before: unknown, after: unknown, replaceWhole: () => void): void {
    if (deepEqual(before, after)) return;
    if (node && !isAlias(node) && node.anchor) this.changedAnchors.add(node.anchor);
    if (!node || isAlias(node)) replaceWhole();
    else if (isScalar(node)) this.scalar(node, after, replaceWhole);
    else if ((isMap(node) || isSeq(node)) && node.flow) this.flow(node, before, after, replaceWhole);
    else if (isMap(node) && isRecord(before) && isRecord(after) && Object.keys(after).length > 0) {
      this.map(node, before, after, replaceWhole);
    } else if (isSeq(node) && Array.isArray(before) && Array.isArray(after) && after.length > 0) {
      this.seq(node, before, after);
    } else replaceWhole();
  }

  /**
   * `retries: *retries` where `&retries` is being changed for this route only: the alias
   * becomes a copy of the old value, so what it meant stays as it was.
   */
  keepAliasesOfChangedAnchors(doc: Document): void {
    if (this.changedAnchors.size === 0) return;
    visit(doc, {
      Alias: (key, alias, path) => {
        if (!this.changedAnchors.has(alias.source)) return;
        const old = alias.resolve(doc)?.toJS(doc);
        const parent = path.at(-1);
        const map = path.at(-2);
        if (isPair(parent) && isMap(map) && !isMergePair(parent)) this.replacePairValue(map, parent, old);
        else if (isSeq(parent) && typeof key === 'number') this.replaceItem(parent, key, old);
        else throw new Unsupported();
      },
    });
  }

  private scalar(node: Scalar, after: unknown, replaceWhole: () => void): void {
    const [start, end] = range(node);
    const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
    const text = block || start === end || isObject(after) ? undefined : renderScalar(node, after);
    if (text === undefined || text.includes('\n')) replaceWhole();
    else this.edits.push({ start, end, text });
  }

  // `{a: 1}` and `[x, y]`: small edits inside when only scalars change, else the whole
  // collection is written again in flow style (still one line in the usual case).
  private flow(node: YAMLMap | YAMLSeq, before: unknown, after: unknown, replaceWhole: () => void): void {
    const mark = this.edits.length;
    try {
      if (isMap(node) && isRecord(before) && isRecord(after)) {
        this.map(node, before, after, fail);
        return;
      }
      if (isSeq(node) && Array.isArray(before) && Array.isArray(after)) {
        this.seq(node, before, after);
        return;
      }
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      this.edits.length = mark;
    }
    if (isObject(after)) {
      const [start, end] = range(node);
      this.edits.push({ start, end, text: renderFlow(after) });
    } else replaceWhole();
  }

  private map(
    node: YAMLMap,
    before: Record<string, unknown>,
    after: Record<string, unknown>,
    replaceWhole: () => void,
  ) {
    const pairs = node.items.filter((pair) => !isMergePair(pair));
    const removed = new Set<Pair>();
    const added: Array<[string, unknown]> = [];
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (deepEqual(before[key], after[key])) continue;
      const pair = pairs.find((p) => isScalar(p.key) && String(p.key.value) === key);
      if (!pair) {
        // Only inherited through `<<: *anchor`: writing the key here overrides it.
        if (after[key] === undefined) throw new Unsupported();
        added.push([key, after[key]]);
      } else if (after[key] === undefined) {
        removed.add(pair);
      } else {
        this.value(pair.value as Node | null, before[key], after[key], () =>
          this.replacePairValue(node, pair, after[key]),
        );
      }
    }
    if (node.flow && (removed.size > 0 || added.length > 0)) throw new Unsupported();
    if (removed.size > 0 && pairs.every((pair) => removed.has(pair)) && node.items.length === pairs.length) {
      replaceWhole();
      return;
    }
    this.removePairs(node, removed);
    if (added.length > 0) this.addPairs(node, added);
  }

  private removePairs(node: YAMLMap, removed: Set<Pair>): void {
    const items = node.items;
    for (let i = 0; i < items.length; i++) {
      const pair = items[i] as Pair;
      if (!removed.has(pair)) continue;
      const keyStart = range(pair.key as Node)[0];
      if (this.src.slice(this.lineStart(keyStart), keyStart).trim() === '') {
        this.edits.push({ start: this.lineStart(keyStart), end: this.lineEndAfter(pairEnd(pair)), text: '' });
        continue;
      }
      // The first key shares its line with `- `: the next kept key moves up onto that line.
      let next = i + 1;
      while (next < items.length && removed.has(items[next] as Pair)) next++;
      const survivor = items[next];
      if (!survivor) throw new Unsupported();
      this.edits.push({ start: keyStart, end: range(survivor.key as Node)[0], text: '' });
      i = next;
    }
  }

  private addPairs(node: YAMLMap, added: Array<[string, unknown]>): void {
    const first = node.items[0];
    const last = node.items.at(-1);
    if (!first || !last) throw new Unsupported();
    const column = this.column(range(first.key as Node)[0]);
    const text = added
      .map(([key, value]) => indentLines(this.render({ [key]: value }), column, 0))
      .join('\n');
    this.insertLines(this.lineEndAfter(pairEnd(last)), text);
  }

  private replacePairValue(node: YAMLMap, pair: Pair, value: unknown): void {
    if (node.flow) throw new Unsupported();
    const keyNode = pair.key as Node;
    const [keyStart, keyEnd] = range(keyNode);
    const key = String((keyNode as Scalar).value);
    let text = this.render(new Map([[key, value]]));
    // Keep the key exactly as written ("quoted", 'single').
    const renderedKey = this.render(new Map([[key, null]])).replace(/:( null)?$/, '');
    if (text.startsWith(renderedKey))
      text = this.src.slice(keyStart, keyEnd) + text.slice(renderedKey.length);
    this.replaceLines(keyStart, pairEnd(pair), indentLines(text, this.column(keyStart), 1));
  }

  private seq(node: YAMLSeq, before: unknown[], after: unknown[]): void {
    const items = node.items as Array<Node | null>;
    let pending: unknown[] = [];
    const flushBefore = (index: number | undefined) => {
      if (pending.length === 0) return;
      if (node.flow) throw new Unsupported();
      const text = pending.map((value) => this.renderItem(node, value)).join('\n');
      if (index === undefined) this.insertLines(this.lineEndAfter(range(lastOf(items))[1]), text);
      else this.insertLines(this.lineStart(this.dash(items[index] ?? null)), text);
      pending = [];
    };
    for (const step of alignArrays(before, after)) {
      if (step.op === 'add') {
        pending.push(after[step.to]);
        continue;
      }
      if (step.op === 'keep') {
        flushBefore(step.from);
        continue;
      }
      const item = items[step.from] ?? null;
      if (step.op === 'remove') {
        if (node.flow) throw new Unsupported();
        const start = this.lineStart(this.dash(item));
        this.edits.push({ start, end: this.lineEndAfter(range(item)[1]), text: '' });
      } else {
        const value = after[step.to];
        this.value(item, before[step.from], value, () => this.replaceItem(node, step.from, value));
      }
    }
    flushBefore(undefined);
  }

  private replaceItem(node: YAMLSeq, index: number, value: unknown): void {
    if (node.flow) throw new Unsupported();
    const item = (node.items[index] as Node | undefined) ?? null;
    this.replaceLines(this.dash(item), range(item)[1], this.renderItem(node, value).trimStart());
  }

  /** A new `- item` line (or lines) at the column of the list's dashes. */
  private renderItem(node: YAMLSeq, value: unknown): string {
    const column = this.column(this.dash((node.items[0] as Node | undefined) ?? null));
    return ' '.repeat(column) + indentLines(`- ${this.render(value)}`, column + 2, 1);
  }

  // The `-` of a block list item, which must be the only thing before the item on its line.
  private dash(item: Node | null): number {
    const start = range(item)[0];
    const lineStart = this.lineStart(start);
    const match = /^(\s*)-\s+$/.exec(this.src.slice(lineStart, start));
    if (!match) throw new Unsupported();
    return lineStart + (match[1] as string).length;
  }

  private render(value: unknown): string {
    const { indent, indentSeq } = this.style;
    return new Document(value).toString({ indent, indentSeq, lineWidth: 0 }).replace(/\n$/, '');
  }

  private insertLines(at: number, text: string): void {
    const { eol } = this.style;
    const atEnd = at === this.src.length && !this.src.endsWith('\n');
    const lines = text.replace(/\n/g, eol);
    this.edits.push({ start: at, end: at, text: atEnd ? eol + lines : lines + eol });
  }

  // Replaces from `start` to the end of the line holding `end`, keeping that line's break.
  private replaceLines(start: number, end: number, text: string): void {
    const { eol } = this.style;
    const lineEnd = this.lineEndAfter(end);
    const keepsBreak = this.src[lineEnd - 1] === '\n';
    this.edits.push({ start, end: lineEnd, text: text.replace(/\n/g, eol) + (keepsBreak ? eol : '') });
  }

  private lineStart(pos: number): number {
    return this.src.lastIndexOf('\n', pos - 1) + 1;
  }

  private column(pos: number): number {
    return pos - this.lineStart(pos);
  }

  /** The start of the line after the one that holds the character before `pos`. */
  private lineEndAfter(pos: number): number {
    if (pos > 0 && this.src[pos - 1] === '\n') return pos;
    const newline = this.src.indexOf('\n', pos);
    return newline < 0 ? this.src.length : newline + 1;
  }
}

// Two edits that touch the same text (an insertion exactly at another's place is fine).
function overlapping(edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  return sorted.some((edit, i) => i > 0 && edit.start < (sorted[i - 1] as TextEdit).end);
}

function isObject(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

function fail(): never {
  throw new Unsupported();
}

function range(node: Node | null | undefined): [number, number] {
  if (!node?.range) throw new Unsupported();
  return [node.range[0], node.range[1]];
}

function lastOf(items: Array<Node | null>): Node | null {
  return items.at(-1) ?? null;
}

function pairEnd(pair: Pair): number {
  return range((pair.value as Node | null) ?? (pair.key as Node))[1];
}

function isMergePair(pair: Pair): boolean {
  return isScalar(pair.key) && typeof pair.key.value === 'symbol';
}

// Indents every line from `from` on (0: all, 1: all but the first); blank lines stay empty.
function indentLines(text: string, column: number, from: 0 | 1): string {
  const pad = ' '.repeat(column);
  return text
    .split('\n')
    .map((line, i) => (i < from || line === '' ? line : pad + line))
    .join('\n');
}

/** A scalar in the style it was written in (quotes, number format), on one line if it can be. */
function renderScalar(node: Scalar, value: unknown): string {
  const scalar = new Scalar(value);
  if (typeof value === typeof node.value) {
    scalar.type = node.type;
    scalar.format = node.format;
    scalar.minFractionDigits = node.minFractionDigits;
  }
  const doc = new Document();
  doc.contents = scalar;
  return doc.toString({ lineWidth: 0 }).replace(/\n$/, '');
}

function renderFlow(value: object): string {
  return new Document(value, { flow: true }).toString({ lineWidth: 0 }).replace(/\n$/, '');
}
