import 'server-only';
import { realpath } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { ForbiddenError } from '../../mesh/errors';

/**
 * Throws ForbiddenError unless `path` is inside `folder` once every symbolic link on the way
 * is resolved: a link to a file or a directory elsewhere is read like any file, but never
 * written through. A path that does not exist yet is judged by its deepest existing parent.
 */
export async function assertInsideFolder(folder: string, path: string): Promise<void> {
  const root = await realpath(folder);
  const resolved = await resolveExisting(path);
  const inside = relative(root, resolved);
  if (inside === '' || (!inside.startsWith(`..${sep}`) && inside !== '..' && !inside.startsWith(sep))) return;
  throw new ForbiddenError(`Weir writes only inside ${folder}, and ${path} resolves to ${resolved}: refused`);
}

// The real path of `path`, or of its deepest existing parent with the rest appended.
// `path` is known only at run time (under WEIR_MANIFESTS); without the ignore comment
// Turbopack's output tracing cannot bound this join and takes the whole project (app/, lib/,
// e2e/, tools/ …) into `.next/standalone`, the image (e2e/standalone.spec.ts checks it).
async function resolveExisting(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    if (parent === path) return path;
    return join(/* turbopackIgnore: true */ await resolveExisting(parent), basename(path));
  }
}
