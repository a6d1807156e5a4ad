import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { MakeStoreFixture } from '../../../tools/test/store-contract';
import type { ObjectRef } from '../../mesh/types';
import { createFilesStore } from './files-store';

/** A temporary folder for one test, with helpers to write files as a person would. */
export async function tempFolder(files: Record<string, string> = {}) {
  const folder = await mkdtemp(join(tmpdir(), 'weir-files-'));
  const write = async (file: string, text: string) => {
    await mkdir(dirname(join(folder, file)), { recursive: true });
    await writeFile(join(folder, file), text);
  };
  for (const [file, text] of Object.entries(files)) await write(file, text);
  return {
    folder,
    write,
    read: (file: string) => readFile(join(folder, file), 'utf8'),
    remove: (file: string) => rm(join(folder, file), { recursive: true, force: true }),
    cleanup: () => rm(folder, { recursive: true, force: true }),
  };
}

/**
 * The contract fixture for the files backend: the seed as one multi-document file, objects
 * added later each in a file of their own in a nested folder. Changes are written the way
 * an editor writes them: in place (not atomically), only the changed document's text.
 */
export const filesFixture: MakeStoreFixture = async (seed) => {
  const temp = await tempFolder({ 'seed.yaml': seed.map((m) => stringify(m)).join('---\n') });
  const keyOf = (m: unknown) => {
    const { kind, metadata } = (m ?? {}) as {
      kind?: string;
      metadata?: { name?: string; namespace?: string };
    };
    return `${kind}/${metadata?.namespace ?? ''}/${metadata?.name}`;
  };
  const documents = async (file: string) => (await temp.read(file).catch(() => '')).split(/^---\n/m);
  const files = new Set(['seed.yaml']);
  const find = async (key: string) => {
    // Files the store created itself count too.
    const listed = await readdir(temp.folder, { recursive: true });
    for (const file of listed) if (/\.ya?ml$/.test(file) && !file.startsWith('.')) files.add(file);
    for (const file of files) {
      const index = (await documents(file)).findIndex((text) => keyOf(parse(text)) === key);
      if (index >= 0) return { file, index };
    }
    return undefined;
  };
  const replace = async (key: string, text: string | undefined, fallback: string) => {
    const at = await find(key);
    const file = at?.file ?? fallback;
    const docs = at ? await documents(file) : [];
    if (at) docs.splice(at.index, 1, ...(text === undefined ? [] : [text]));
    else if (text !== undefined) docs.push(text);
    files.add(file);
    if (docs.length === 0) await temp.remove(file);
    else await temp.write(file, docs.join('---\n'));
  };
  return {
    store: createFilesStore({ folder: temp.folder }),
    async putExternally(manifest) {
      const key = keyOf(manifest);
      await replace(key, stringify(manifest), `external/${key.replaceAll('/', '-')}.yaml`);
    },
    async deleteExternally(ref: ObjectRef) {
      await replace(`${ref.kind}/${ref.namespace}/${ref.name}`, undefined, '');
    },
    async readExternally(ref: ObjectRef) {
      const at = await find(`${ref.kind}/${ref.namespace}/${ref.name}`);
      return at ? (parse((await documents(at.file))[at.index] ?? '') as Record<string, unknown>) : undefined;
    },
    cleanup: temp.cleanup,
  };
};
