import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const components = path.join(root, 'components');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

/** The folder of components/ a file is in (`graph`), or undefined for a file at its top. */
function folderOf(file: string): string | undefined {
  const parts = path.relative(components, file).split(path.sep);
  return parts.length > 1 ? parts[0] : undefined;
}

/** Every module a file imports or re-exports from (type-only imports too: a cycle of types is still a tangle). */
function importsOf(file: string): string[] {
  return ts
    .preProcessFile(readFileSync(file, 'utf8'), true, false)
    .importedFiles.map((entry) => entry.fileName);
}

function resolve(from: string, specifier: string): string | undefined {
  if (specifier.startsWith('@/')) return path.join(root, specifier.slice(2));
  if (specifier.startsWith('.')) return path.resolve(path.dirname(from), specifier);
  return undefined;
}

/** Which component folders each folder imports from, with one file that does, for the message. */
function folderGraph(files: readonly string[]): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of files) {
    const from = folderOf(file);
    if (!from) continue;
    for (const specifier of importsOf(file)) {
      const target = resolve(file, specifier);
      if (!target?.startsWith(`${components}${path.sep}`)) continue;
      const to = folderOf(target);
      if (!to || to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      if (!edges.has(to)) edges.set(to, `${path.relative(root, file)} → ${specifier}`);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Each cycle between folders once, as the folders in order and the imports that close it. */
function folderCycles(graph: Map<string, Map<string, string>>): string[] {
  const cycles = new Set<string>();
  const walk = (start: string, at: string, trail: string[]) => {
    for (const [next, via] of graph.get(at) ?? []) {
      if (next === start) {
        const folders = [...trail.map((step) => step.split(' ')[0]), at];
        // The same cycle seen from another folder: keep the rotation that starts smallest.
        const least = folders.indexOf([...folders].sort()[0] as string);
        if (least !== 0) continue;
        cycles.add([...trail, `${at} (${via})`].join(' ⇄ '));
      } else if (!trail.some((step) => step.startsWith(`${next} `)) && next !== at && next > start) {
        walk(start, next, [...trail, `${at} (${via})`]);
      }
    }
  };
  for (const folder of [...graph.keys()].sort()) walk(folder, folder, []);
  return [...cycles];
}

describe('component folders', () => {
  it('import each other without cycles (DESIGN.md: no cycles)', { timeout: 60_000 }, () => {
    expect(folderCycles(folderGraph(sourceFiles(components)))).toEqual([]);
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    const graph = new Map([
      ['graph', new Map([['weights', 'components/graph/a.tsx → ../weights/b']])],
      ['weights', new Map([['graph', 'components/weights/b.ts → ../graph/a']])],
      ['editor', new Map([['graph', 'components/editor/c.tsx → ../graph/a']])],
    ]);
    expect(folderCycles(graph)).toEqual([
      'graph (components/graph/a.tsx → ../weights/b) ⇄ weights (components/weights/b.ts → ../graph/a)',
    ]);
  });
});
