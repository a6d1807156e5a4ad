import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULE_LIST } from './rules';
import { brief } from './test-fixtures';
import { validate } from './validate';
import { snapshotFromYaml } from './yaml-fixtures';

// lib/validate/fixtures/<RULE_CODE>/{positive,negative}.yaml: a small self-contained mesh that
// triggers exactly that rule, and the same mesh fixed. tools/istioctl/compare.ts runs
// `istioctl analyze` over the same files.
const fixturesDir = fileURLToPath(new URL('./fixtures', import.meta.url));
// Weir's own failure report has no input that should trigger it.
const UNFIXTURED = new Set(['VALIDATE_RULE_FAILED']);

function load(code: string, kind: 'positive' | 'negative') {
  const file = path.join(fixturesDir, code, `${kind}.yaml`);
  return snapshotFromYaml([{ file, text: readFileSync(file, 'utf8') }]);
}

const folders = readdirSync(fixturesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('rule fixtures (lib/validate/fixtures)', () => {
  it('has a folder for every rule in the catalogue, and none for unknown codes', () => {
    const codes = RULE_LIST.map((rule) => rule.code).filter((code) => !UNFIXTURED.has(code));
    expect(folders).toEqual([...codes].sort());
  });

  describe.each(folders)('%s', (code) => {
    it('positive.yaml parses and triggers only this rule', () => {
      const snapshot = load(code, 'positive');
      expect(Object.values(snapshot.objects).filter((object) => object.kind === 'Invalid')).toEqual([]);
      const findings = validate(snapshot);
      expect(findings.length).toBeGreaterThan(0);
      expect(brief(findings.filter((finding) => finding.code !== code))).toEqual([]);
    });

    it('negative.yaml, the fixed version, parses and has no findings at all', () => {
      const snapshot = load(code, 'negative');
      expect(Object.values(snapshot.objects).filter((object) => object.kind === 'Invalid')).toEqual([]);
      expect(brief(validate(snapshot))).toEqual([]);
    });
  });
});
