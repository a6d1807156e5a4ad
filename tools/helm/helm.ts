import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Manifest } from '../../lib/kube/apply-manifests';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
/** Weir's chart. */
export const CHART = path.join(root, 'deploy', 'helm', 'weir');

let binary: string | undefined;

/** The Helm binary built by tools/helm/build.sh (built on first use, then cached). */
export function helm(): string {
  binary ??= path.join(
    execFileSync('bash', [path.join(root, 'tools', 'helm', 'build.sh')], { encoding: 'utf8' }).trim(),
    'helm',
  );
  return binary;
}

/** Runs helm; answers its exit status and output, without throwing. */
export function runHelm(args: string[]): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(helm(), args, {
    encoding: 'utf8',
    env: { ...process.env, HELM_CACHE_HOME: os.tmpdir() },
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Writes values to a temporary file and answers `-f <file>`. */
export function valuesArgs(values: Record<string, unknown>): string[] {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'weir-values-')), 'values.yaml');
  writeFileSync(file, JSON.stringify(values));
  return ['-f', file];
}

/** `helm template` of Weir's chart with these values (CRDs included), as manifests; throws with helm's words on failure. */
export function renderChart(
  values: Record<string, unknown>,
  namespace: string,
  release = 'weir',
): Manifest[] {
  const result = runHelm([
    'template',
    release,
    CHART,
    '--namespace',
    namespace,
    '--include-crds',
    ...valuesArgs(values),
  ]);
  if (result.status !== 0) throw new Error(`helm template failed: ${result.stderr.trim()}`);
  return parseAllDocuments(result.stdout)
    .map((document) => document.toJS() as Manifest | null)
    .filter((manifest): manifest is Manifest => Boolean(manifest?.kind));
}
