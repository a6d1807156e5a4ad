import 'server-only';
import { randomBytes } from 'node:crypto';
import { open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Temporary files are hidden and end in `.weir-tmp`: no YAML scan or watcher reads them. */
export const TEMP_FILE = /^\..+\.(\d+)\.[0-9a-f]+\.weir-tmp$/;

export interface AtomicWriteOptions {
  /** Runs after the new content is safely on disk and before it replaces the file. */
  beforeRename?: () => Promise<void>;
}

/**
 * Replaces a file's content all at once: the content goes to a temporary file beside it,
 * is flushed to disk, and is renamed over the file. Whenever the process dies, the file
 * holds either its old or its new content, never a part. A symbolic link stays a link (its
 * target is replaced), and the file keeps its permissions.
 */
export async function writeFileAtomic(path: string, content: string, options: AtomicWriteOptions = {}) {
  const target = await realpath(path).catch(() => path);
  const mode = await stat(target).then(
    (s) => s.mode & 0o7777,
    () => 0o644,
  );
  const temp = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.weir-tmp`,
  );
  const handle = await open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeRename?.();
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
  await syncDirectory(dirname(target));
}

// Makes the rename itself durable; some platforms cannot open a directory: best effort.
async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The rename is still atomic; only its durability across a power cut is not ensured.
  }
}

/** Whether a leftover temporary file belongs to a process that is gone. */
export function isStaleTempFile(name: string): boolean {
  const match = TEMP_FILE.exec(name);
  if (!match) return false;
  const pid = Number(match[1]);
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
