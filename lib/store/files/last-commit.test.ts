import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentLines, lastCommit } from './last-commit';

const two = `# routing
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: a, namespace: shop }
spec: { hosts: [a] }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: b, namespace: shop }
spec: { hosts: [b] }
`;

describe('documentLines', () => {
  it('finds the lines of each document', () => {
    // A document starts at its first node (comments before it belong to no lines of its own)
    // and the second one at its `---` marker.
    expect(documentLines(two, 0)).toEqual({ first: 2, last: 5 });
    expect(documentLines(two, 1)).toEqual({ first: 6, last: 10 });
    expect(documentLines(two, 2)).toBeUndefined();
  });
});

describe('lastCommit', () => {
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Ann Author', '-c', 'user.email=ann@example.invalid', ...args], {
      cwd,
    });

  it("names the newest commit that touched an object's own lines, not its neighbour's", async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'weir-git-'));
    git(folder, 'init', '-q');
    writeFileSync(path.join(folder, 'vs.yaml'), two);
    git(folder, 'add', '.');
    git(folder, 'commit', '-q', '-m', 'first routing');
    writeFileSync(path.join(folder, 'vs.yaml'), two.replace('hosts: [b]', 'hosts: [b, c]'));
    git(folder, 'commit', '-q', '-am', 'b serves c too');

    expect(await lastCommit(folder, { file: 'vs.yaml', document: 0, line: 1 })).toMatchObject({
      author: 'Ann Author',
      subject: 'first routing',
    });
    expect(await lastCommit(folder, { file: 'vs.yaml', document: 1, line: 7 })).toMatchObject({
      subject: 'b serves c too',
    });
  });

  it('says nothing for a folder that is not a Git checkout', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'weir-nogit-'));
    writeFileSync(path.join(folder, 'vs.yaml'), two);
    expect(await lastCommit(folder, { file: 'vs.yaml', document: 0, line: 1 })).toBeUndefined();
  });
});
