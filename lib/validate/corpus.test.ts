import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validate } from './validate';
import { snapshotFromYaml } from './yaml-fixtures';

// Published Istio configurations (../shared/corpus beside the repo, or WEIR_CORPUS), loaded
// one file at a time: several files are alternative versions of the same objects.
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const corpusDir = process.env.WEIR_CORPUS ?? path.resolve(repoRoot, '..', 'shared', 'corpus');
const present = existsSync(corpusDir);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}

if (!present)
  console.warn(
    `corpus.test: no corpus at ${corpusDir} (set WEIR_CORPUS); validation of real-world input skipped`,
  );

const title = present
  ? `validate over the real-world corpus at ${corpusDir}`
  : `SKIPPED: corpus absent at ${corpusDir} (set WEIR_CORPUS) — validation of real-world input not run`;

describe.skipIf(!present)(title, () => {
  const files = present ? yamlFiles(corpusDir) : [];

  it('finds YAML files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((file) => [path.relative(corpusDir, file), file]))(
    'never throws on %s',
    (_name, file) => {
      const snapshot = snapshotFromYaml([{ file, text: readFileSync(file, 'utf8') }]);
      const findings = validate(snapshot);
      expect(findings.filter((finding) => finding.code === 'VALIDATE_RULE_FAILED')).toEqual([]);
      // Every finding a person sees names the field it is about.
      for (const finding of findings) expect(finding.path).toMatch(/^(spec|metadata)($|[.[])/);
    },
  );
});
