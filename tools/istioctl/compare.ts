// Runs Weir's validator and Istio's analyzers over the same manifest files and prints where they
// agree and differ, per file, istioctl code and object: one JSON line each, then short tables.
//
//   npx tsx tools/istioctl/compare.ts [--summary] [file-or-folder...]
//
// Without arguments: every lib/validate/fixtures/<RULE>/{positive,negative}.yaml and every YAML
// file of the corpus (WEIR_CORPUS, else ../shared/corpus beside the repo). Each file is one set:
// the corpus holds alternative versions of the same objects in separate files. Build the
// references first with `bash tools/istioctl/build.sh`; without them only Weir's side is printed.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validate } from '../../lib/validate/validate';
import { readManifests, snapshotOf, writeCopy } from './manifests';
import { compareFindings, type Row } from './match';
import { findReferences, pinnedVersion, type Reference } from './reference';
import { type FileResult, printTables } from './report';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixturesDir = path.join(repoRoot, 'lib', 'validate', 'fixtures');
const corpusDir = process.env.WEIR_CORPUS ?? path.resolve(repoRoot, '..', 'shared', 'corpus');

function yamlFiles(target: string): string[] {
  if (!statSync(target).isDirectory()) return [target];
  return readdirSync(target, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(target, entry.name);
      if (entry.isDirectory()) return yamlFiles(full);
      return /\.ya?ml$/.test(entry.name) ? [full] : [];
    });
}

function inputs(args: string[]): { files: string[]; notes: string[] } {
  if (args.length > 0) {
    const missing = args.filter((arg) => !existsSync(arg));
    if (missing.length > 0) throw new Error(`no such file or folder: ${missing.join(', ')}`);
    return { files: args.flatMap((arg) => yamlFiles(path.resolve(arg))), notes: [] };
  }
  const notes: string[] = [];
  const files = yamlFiles(fixturesDir);
  if (existsSync(corpusDir)) files.push(...yamlFiles(corpusDir));
  else notes.push(`corpus absent at ${corpusDir} (set WEIR_CORPUS): compared the fixtures only`);
  return { files, notes };
}

function compareFile(file: string, references: Reference[], workDir: string, index: number): FileResult {
  const set = readManifests(file);
  const { snapshot, invalid } = snapshotOf(set);
  const findings = validate(snapshot);
  const copy = writeCopy(set, workDir, index);
  const byReference: FileResult['byReference'] = {};
  // Weir's side alone: what is printed when no reference is built.
  const weir = compareFindings(findings, invalid, []);
  for (const reference of references) {
    try {
      byReference[reference.name] = {
        rows: compareFindings(findings, invalid, reference.analyze(copy)).rows,
      };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      byReference[reference.name] = { rows: [], error: reason };
    }
  }
  const relative = path.relative(repoRoot, file);
  return { file: relative, yamlErrors: set.errors, weirRows: weir.rows, byReference, extras: weir.extras };
}

/** JSON lines: one per istioctl code and object (with each reference's status), one per Weir extra. */
function printLines(result: FileResult, references: Reference[]): void {
  const merged = new Map<
    string,
    { row: Row; status: Record<string, string>; istioctl: Record<string, string[]> }
  >();
  for (const reference of references) {
    const outcome = result.byReference[reference.name];
    if (outcome?.error)
      console.log(JSON.stringify({ file: result.file, reference: reference.name, error: outcome.error }));
    for (const row of outcome?.rows ?? []) {
      const key = `${row.istioCode} ${row.object}`;
      const entry = merged.get(key) ?? { row, status: {}, istioctl: {} };
      entry.status[reference.name] = row.status;
      entry.istioctl[reference.name] = row.istioctl;
      merged.set(key, entry);
    }
  }
  if (references.length === 0) {
    for (const { istioCode, object, weir } of result.weirRows) {
      console.log(JSON.stringify({ file: result.file, istioCode, object, weir, status: 'weir' }));
    }
  }
  for (const { row, status, istioctl } of merged.values()) {
    // A row only one reference has is silent (weir-only) or absent in the other.
    for (const reference of references)
      status[reference.name] ??= row.weir.length > 0 ? 'weir-only' : 'absent';
    console.log(
      JSON.stringify({
        file: result.file,
        istioCode: row.istioCode,
        object: row.object,
        weir: row.weir,
        istioctl,
        status,
      }),
    );
  }
  for (const extra of result.extras) {
    console.log(
      JSON.stringify({ file: result.file, code: extra.code, object: extra.object, status: 'weir-extra' }),
    );
  }
  for (const error of result.yamlErrors) console.log(JSON.stringify({ file: result.file, yamlError: error }));
}

function main(): void {
  const args = process.argv.slice(2);
  const summaryOnly = args.includes('--summary');
  const { files, notes } = inputs(args.filter((arg) => arg !== '--summary'));
  const { references, missing } = findReferences();
  const workDir = mkdtempSync(path.join(tmpdir(), 'weir-istioctl-'));
  try {
    const results = files.map((file, index) => {
      const result = compareFile(file, references, workDir, index);
      if (!summaryOnly) printLines(result, references);
      return result;
    });
    printTables(results, references, {
      version: pinnedVersion(),
      notes: [...notes, ...missing.map((reason) => `unavailable: ${reason}`)],
      fixturesDir: path.relative(repoRoot, fixturesDir),
    });
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main();
