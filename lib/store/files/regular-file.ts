import 'server-only';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** The largest manifest file Weir reads (8 MiB): far above any real one, far below memory. */
export const MAX_MANIFEST_BYTES = 8 * 1024 * 1024;

/** How long reading one manifest file may take before it is given up (ms). */
export const READ_TIMEOUT_MS = 5_000;

/** A file Weir does not read: not a regular file, too large, or too slow. */
export class UnreadableFileError extends Error {
  readonly code = 'EUNREADABLE';
}

/**
 * The text of a regular file (a symbolic link to one counts). A FIFO, socket or device named
 * `*.yaml` would block a plain read forever, and with it every later read and write of the
 * folder: it is opened without blocking and refused once its handle says what it is (the
 * check is on the opened handle, so nothing can be swapped in between). Larger than
 * MAX_MANIFEST_BYTES or slower than READ_TIMEOUT_MS is refused too.
 */
export async function readRegularFile(path: string): Promise<string> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new UnreadableFileError('not a regular file');
    if (info.size > MAX_MANIFEST_BYTES) {
      throw new UnreadableFileError(`larger than ${MAX_MANIFEST_BYTES / 1024 / 1024} MiB`);
    }
    return await handle.readFile({ encoding: 'utf8', signal: AbortSignal.timeout(READ_TIMEOUT_MS) });
  } catch (error) {
    if ((error as Error).name === 'AbortError' || (error as Error).name === 'TimeoutError') {
      throw new UnreadableFileError(`not read within ${READ_TIMEOUT_MS / 1000} s`);
    }
    throw error;
  } finally {
    await handle.close();
  }
}
