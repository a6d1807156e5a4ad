import 'server-only';
import { type FSWatcher, watch } from 'node:fs';
import { join } from 'node:path';

/**
 * Watches a set of directories (one fs.watch each, so .git and node_modules are never
 * watched) and reports the paths that changed in batches: a save, a `git pull` or an
 * editor's write-and-rename arrive as one batch a few milliseconds later.
 */
export class FolderWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly root: string,
    private readonly onBatch: (paths: string[]) => void,
    private readonly delayMs = 25,
  ) {}

  /** Watches exactly these directories (relative to the root, '' for the root itself). */
  watchOnly(directories: readonly string[]): void {
    const wanted = new Set(directories);
    for (const [directory, watcher] of this.watchers) {
      if (!wanted.has(directory)) {
        watcher.close();
        this.watchers.delete(directory);
      }
    }
    for (const directory of wanted) if (!this.watchers.has(directory)) this.watch(directory);
  }

  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private watch(directory: string): void {
    try {
      const watcher = watch(join(this.root, directory), { persistent: false }, (_event, name) => {
        this.note(name ? (directory === '' ? String(name) : `${directory}/${String(name)}`) : directory);
      });
      watcher.on('error', () => {
        // The directory went away (or its watch broke): look at it again.
        watcher.close();
        this.watchers.delete(directory);
        this.note(directory);
      });
      this.watchers.set(directory, watcher);
    } catch {
      // Removed between listing and watching: its parent's watcher reports that.
    }
  }

  private note(path: string): void {
    this.pending.add(path);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const paths = [...this.pending];
      this.pending = new Set();
      this.onBatch(paths);
    }, this.delayMs);
  }
}
