import 'server-only';
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MeshStore } from '../types';
import { createFilesStore } from './files-store';

export interface DemoStoreOptions {
  /** The bundled demo manifests (default: demo/mesh in the working directory). */
  source?: string;
  /** The working copy Weir reads and writes (default: .weir/demo, which Git ignores). */
  folder?: string;
}

/**
 * The zero-setup default: the files store on a working copy of the bundled demo mesh. The
 * copy is made on first use and kept afterwards, so edits made in the demo survive a restart
 * (delete the folder to start over).
 */
export function createDemoStore(options: DemoStoreOptions = {}): MeshStore {
  // Folders chosen at run time: the bundler must not try to trace them into the build.
  const source = resolve(/* turbopackIgnore: true */ options.source ?? join(process.cwd(), 'demo', 'mesh'));
  const folder = resolve(/* turbopackIgnore: true */ options.folder ?? join(process.cwd(), '.weir', 'demo'));
  // A few small files, once per server start: synchronous keeps the factory synchronous.
  if (
    !existsSync(/* turbopackIgnore: true */ folder) ||
    readdirSync(/* turbopackIgnore: true */ folder).length === 0
  ) {
    cpSync(/* turbopackIgnore: true */ source, folder, { recursive: true });
  }
  return createFilesStore({ folder, demo: true });
}
