import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { brief } from './test-fixtures';
import { validate } from './validate';
import { snapshotFromYaml } from './yaml-fixtures';

const demoDir = fileURLToPath(new URL('../../demo/mesh', import.meta.url));

describe('the bundled demo mesh (demo/mesh)', () => {
  const files = readdirSync(demoDir)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => ({ file: name, text: readFileSync(path.join(demoDir, name), 'utf8') }));
  const snapshot = snapshotFromYaml(files);
  const findings = validate(snapshot);

  it('parses every object', () => {
    const invalid = Object.values(snapshot.objects).filter((object) => object.kind === 'Invalid');
    expect(invalid).toEqual([]);
    expect(Object.keys(snapshot.objects).length).toBeGreaterThan(30);
  });

  it('has no error-level findings', () => {
    expect(brief(findings.filter((finding) => finding.severity === 'error'))).toEqual([]);
  });

  it('shows exactly the intentional problem: the legacy namespace without sidecar injection', () => {
    expect(brief(findings)).toEqual([
      'NAMESPACE_NOT_INJECTED VirtualService/legacy/inventory metadata.namespace',
    ]);
  });
});
