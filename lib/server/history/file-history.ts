import 'server-only';
import { randomBytes } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type HistoryEntry, type HistoryFilter, matchesHistoryFilter, newestFirst } from '../../mesh/history';
import type { HistoryStore } from './history-store';

/** The history file Weir keeps in a folder of manifests. */
export const HISTORY_FILE = '.weir-history.jsonl';

/**
 * History for a folder of manifests: one JSON object per line, appended to
 * `.weir-history.jsonl` in the folder (never rewritten), so it travels with the checkout and
 * can be committed beside the manifests it describes. A line that cannot be read is skipped.
 */
export function createFileHistory(folder: string): HistoryStore {
  const file = path.join(folder, HISTORY_FILE);
  let writing: Promise<unknown> = Promise.resolve();
  return {
    description: `${HISTORY_FILE} in ${folder}`,
    record(entry) {
      const recorded: HistoryEntry = {
        id: `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`,
        ...entry,
      };
      const run = writing.then(() => appendFile(file, `${JSON.stringify(recorded)}\n`, { mode: 0o644 }));
      writing = run.catch(() => {});
      return run.then(() => recorded);
    },
    async list(filter: HistoryFilter) {
      await writing;
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return '';
        throw error;
      });
      const entries: HistoryEntry[] = [];
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        try {
          const entry = JSON.parse(line) as HistoryEntry;
          if (entry?.object && entry.time) entries.push({ ...entry, routes: entry.routes ?? [] });
        } catch {
          // a torn or hand-edited line: skip it, keep the rest
        }
      }
      const found = entries.filter((entry) => matchesHistoryFilter(entry, filter)).sort(newestFirst);
      return filter.limit ? found.slice(0, filter.limit) : found;
    },
  };
}
