import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStaleTempFile, TEMP_FILE, writeFileAtomic } from './atomic-write';
import { content } from './atomic-write.child';
import { tempFolder } from './test-folder';

const SIZE = 4_000_000;
const CHILD = join(import.meta.dirname, 'atomic-write.child.ts');

let temp: Awaited<ReturnType<typeof tempFolder>>;
beforeAll(async () => {
  temp = await tempFolder();
});
afterAll(() => temp.cleanup());

/** Starts a writer, lets it write for `ms`, kills it with SIGKILL; resolves once it is gone. */
function killWriterAfter(path: string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // react-server: the condition under which `server-only` may be imported.
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', CHILD], {
      env: { ...process.env, WEIR_KILL_TEST_FILE: path, WEIR_KILL_TEST_SIZE: String(SIZE) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', () => resolve());
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), ms));
  });
}

describe('writeFileAtomic', () => {
  it('leaves the complete old or the complete new content when the writer is killed mid-write', async () => {
    const path = join(temp.folder, 'big.yaml');
    const [before, after] = [content('old', SIZE), content('new', SIZE)];
    await writeFile(path, before);
    const seen = new Set<string>();
    for (let round = 0; round < 24; round++) {
      await killWriterAfter(path, Math.floor(Math.random() * 80));
      const text = await readFile(path, 'utf8');
      const which = text === before ? 'old' : text === after ? 'new' : `partial (${text.length} characters)`;
      expect(which).toMatch(/^(old|new)$/);
      seen.add(which);
    }
    // Killed writers leave their temporary files behind; the store removes them at start.
    const leftovers = (await readdir(temp.folder)).filter((name) => TEMP_FILE.test(name));
    expect(leftovers.every(isStaleTempFile)).toBe(true);
  }, 120_000);

  it('keeps a symbolic link a link and the file its permissions', async () => {
    const { symlink, lstat, stat, chmod } = await import('node:fs/promises');
    const target = join(temp.folder, 'target.yaml');
    const link = join(temp.folder, 'link.yaml');
    await writeFile(target, 'a: 1\n');
    await chmod(target, 0o640);
    await symlink(target, link);
    await writeFileAtomic(link, 'a: 2\n');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readFile(target, 'utf8')).toBe('a: 2\n');
    expect((await stat(target)).mode & 0o777).toBe(0o640);
  });

  it('writes nothing when the check before the rename fails', async () => {
    const path = join(temp.folder, 'checked.yaml');
    await writeFile(path, 'old\n');
    const refuse = async () => {
      throw new Error('changed on disk');
    };
    await expect(writeFileAtomic(path, 'new\n', { beforeRename: refuse })).rejects.toThrow('changed on disk');
    expect(await readFile(path, 'utf8')).toBe('old\n');
    expect(
      (await readdir(temp.folder)).filter((name) => TEMP_FILE.test(name) && name.includes('checked')),
    ).toEqual([]);
  });
});
