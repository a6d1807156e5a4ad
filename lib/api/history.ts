import type { HistoryEntry } from '../mesh/history';

/** GET /api/history: the recorded changes the person may see, newest first. */
export interface HistoryAnswer {
  entries: HistoryEntry[];
}

/** The last Git commit that touched an object's document (folder backend in a Git checkout). */
export interface LastCommit {
  commit: string;
  author: string;
  /** ISO time the commit was authored. */
  time: string;
  subject: string;
}

/** GET /api/last-commit?key=: null on a cluster, outside Git, or for lines not committed yet. */
export interface LastCommitAnswer {
  commit: LastCommit | null;
}
