import 'server-only';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import YAML from 'yaml';
import type { LastCommit } from '../../api/history';
import type { SourceLocation } from '../../mesh/types';
import { readRegularFile } from './regular-file';

const run = promisify(execFile);

/** The 1-based first and last line of document `index` in a YAML text. */
export function documentLines(text: string, index: number): { first: number; last: number } | undefined {
  const doc = YAML.parseAllDocuments(text)[index];
  if (!doc || !('range' in doc) || !doc.range) return undefined;
  const lineAt = (offset: number) => text.slice(0, offset).split('\n').length;
  const [start, , end] = doc.range;
  // The range ends after the last line break; the document's last line is the one before.
  const last = Math.max(lineAt(start), lineAt(Math.max(start, end - 1)));
  return { first: lineAt(start), last };
}

/**
 * The newest commit that touched the lines of an object's document (`git log -L`, which
 * follows those lines through history), or undefined when the folder is not a Git checkout
 * or the document has no commit yet.
 */
export async function lastCommit(folder: string, source: SourceLocation): Promise<LastCommit | undefined> {
  const file = path.join(folder, source.file);
  const lines = documentLines(await readRegularFile(file), source.document);
  if (!lines) return undefined;
  try {
    const { stdout } = await run(
      'git',
      [
        'log',
        '-1',
        '-s',
        '--format=%H%x00%an%x00%aI%x00%s',
        '-L',
        `${lines.first},${lines.last}:${source.file}`,
      ],
      { cwd: folder, maxBuffer: 16 * 1024 * 1024 },
    );
    const [commit, author = '', time = '', subject = ''] = stdout.trim().split('\0');
    return commit ? { commit, author, time, subject } : undefined;
  } catch {
    // Not a Git checkout, or the file is not committed yet.
    return undefined;
  }
}
