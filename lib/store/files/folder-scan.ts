import 'server-only';
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isStaleTempFile } from './atomic-write';

export interface FolderListing {
  /** Manifest files, relative to the folder with `/` separators, sorted. */
  files: string[];
  /** Directories read (the folder itself is ''), to watch. */
  directories: string[];
  /** Temporary files left by a Weir process that died mid-write. */
  staleTempFiles: string[];
}

export function isManifestName(name: string): boolean {
  return /\.ya?ml$/i.test(name) && !name.startsWith('.');
}

/**
 * Directories Weir does not read: hidden ones (.git, .github, editors' folders) and
 * node_modules. Inside a Helm chart (a folder with Chart.yaml) the templates are not
 * manifests until rendered, so a chart is skipped as a whole.
 */
export function isSkippedDirectoryName(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** Every `*.yaml`/`*.yml` file below `root`, at any depth. Symbolic links to files count. */
export async function listManifestFiles(root: string, under = ''): Promise<FolderListing> {
  const listing: FolderListing = { files: [], directories: [], staleTempFiles: [] };
  await walk(root, under, listing);
  listing.files.sort();
  listing.directories.sort();
  return listing;
}

async function walk(root: string, relative: string, listing: FolderListing): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(join(root, relative), { withFileTypes: true });
  } catch (error) {
    // Gone or unreadable since its parent was read: there is nothing in it to hold.
    if (relative === '') throw error;
    return;
  }
  if (relative !== '' && entries.some((entry) => entry.name === 'Chart.yaml')) return;
  listing.directories.push(relative);
  const child = (name: string) => (relative === '' ? name : `${relative}/${name}`);
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (!isSkippedDirectoryName(entry.name)) await walk(root, child(entry.name), listing);
    } else if (
      isManifestName(entry.name) &&
      (entry.isFile() || (await isLinkToFile(join(root, child(entry.name)))))
    ) {
      listing.files.push(child(entry.name));
    } else if (isStaleTempFile(entry.name)) {
      listing.staleTempFiles.push(child(entry.name));
    }
  }
}

async function isLinkToFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}
