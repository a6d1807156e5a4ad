import 'server-only';
import { constants } from 'node:fs';
import { access, mkdir, realpath, stat, unlink } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { ConflictError, InvalidError, NotFoundError, UnavailableError } from '../../mesh/errors';
import { keyOf, objectKey } from '../../mesh/object-key';
import { assertObjectNames } from '../../mesh/object-names';
import { DEFAULT_MESH_CONFIG_PLACE } from '../../mesh/outbound-schemas';
import type {
  MeshConfigPlace,
  MeshObject,
  MeshSnapshot,
  ObjectKey,
  ObjectRef,
  StoredObject,
  SyncStatus,
} from '../../mesh/types';
import { EventLog } from '../event-log';
import type { DeleteOptions, MeshStore, StoreEvent, WriteOptions } from '../types';
import { TEMP_FILE, writeFileAtomic } from './atomic-write';
import { duplicateObject, fileProblem } from './file-problems';
import { isManifestName, isSkippedDirectoryName, listManifestFiles } from './folder-scan';
import { FolderWatcher } from './folder-watch';
import { assertInsideFolder } from './inside-folder';
import { type ManifestFile, readManifestText } from './manifest-file';
import { planCreate, planDelete } from './plan-create-delete';
import { planUpdate } from './plan-update';
import { readRegularFile, UnreadableFileError } from './regular-file';

export interface FilesStoreOptions {
  /** The folder of manifests (a GitOps checkout). */
  folder: string;
  /** The folder is a working copy of the bundled demo mesh. */
  demo?: boolean;
  /** How many recent events eventsSince can replay (default: the event log's). */
  historyLimit?: number;
  /** How long changes on disk are gathered before they are read (ms, default 25). */
  debounceMs?: number;
  /**
   * Istio's root namespace and the mesh config's ConfigMap there (WEIR_ISTIO_ROOT_NAMESPACE,
   * WEIR_ISTIO_MESH_CONFIG), as for a cluster; default istio-system/istio.
   */
  meshConfig?: MeshConfigPlace;
}

/** A MeshStore over a folder of YAML manifests; see DESIGN.md, "The store contract". */
export function createFilesStore(options: FilesStoreOptions): MeshStore {
  return new FilesStore(options);
}

/** What one file contributes: its parsed text, or only a problem when it cannot be read. */
interface FileState {
  manifest?: ManifestFile;
  objects: StoredObject[];
}

class FilesStore implements MeshStore {
  private readonly folder: string;
  private readonly meshConfig: MeshConfigPlace;
  private readonly log: EventLog;
  private readonly watcher: FolderWatcher;
  private readonly files = new Map<string, FileState>();
  private readonly definitions = new Map<ObjectKey, StoredObject[]>();
  private directories = new Set<string>();
  private starting: Promise<void> | undefined;
  private stopped = false;
  // Every read of the folder and every write runs one at a time, in order.
  private work: Promise<unknown> = Promise.resolve();

  constructor(options: FilesStoreOptions) {
    this.folder = resolve(options.folder);
    this.meshConfig = options.meshConfig ?? DEFAULT_MESH_CONFIG_PLACE;
    // Known from the first read: a folder without the ConfigMap means Istio's defaults.
    this.log = new EventLog(
      {
        backend: 'files',
        source: this.folder,
        demo: options.demo ?? false,
        meshConfig: { namespace: this.meshConfig.namespace, name: this.meshConfig.name },
      },
      options.historyLimit,
    );
    this.watcher = new FolderWatcher(
      this.folder,
      (paths) => void this.serial(() => this.refresh(paths)),
      options.debounceMs ?? 25,
    );
  }

  start(): Promise<void> {
    this.starting ??= this.serial(async () => {
      const folder = await stat(this.folder).catch(() => undefined);
      if (!folder?.isDirectory()) throw new UnavailableError(`${this.folder} is not a folder`);
      await this.rescan();
      this.log.setSync(true);
    });
    return this.starting;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.watcher.close();
    await this.work;
  }

  snapshot(namespaces?: readonly string[]): MeshSnapshot {
    return this.log.snapshot(namespaces);
  }

  sequence(): number {
    return this.log.lastSequence();
  }

  syncStatus(): SyncStatus {
    return this.log.syncStatus();
  }

  entries(): IterableIterator<[ObjectKey, StoredObject]> {
    return this.log.entries();
  }

  viewScope(namespaces: readonly string[]): ReadonlySet<ObjectKey> {
    return this.log.viewScope(namespaces);
  }

  eventsSince(sequence: number): StoreEvent[] | undefined {
    return this.log.eventsSince(sequence);
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    return this.log.subscribe(listener);
  }

  get(ref: ObjectRef): StoredObject | undefined {
    return this.log.get(objectKey(ref));
  }

  read(ref: ObjectRef): Promise<MeshObject> {
    const key = objectKey(ref);
    return this.serial(async () => {
      const files = this.definitions.get(key)?.map((object) => object.source?.file);
      for (const file of new Set(files)) if (file) await this.reloadFile(file);
      if (!this.log.get(key)) await this.rescan();
      const object = this.log.get(key);
      if (!object) throw new NotFoundError(`${key} is not defined in ${this.folder}`);
      if (object.kind === 'Invalid') throw new InvalidError(object.reason, { object });
      return object;
    });
  }

  update(object: MeshObject, options: WriteOptions = {}): Promise<MeshObject> {
    return this.serial(async () => {
      if ((object.kind as string) === 'Invalid' || !object.metadata?.name) {
        throw new InvalidError('only a parsed object with a name can be written');
      }
      assertObjectNames({ namespace: scope(object), name: object.metadata.name });
      const key = objectKey({ kind: object.kind, namespace: scope(object), name: object.metadata.name });
      if (!this.definitions.has(key)) await this.rescan();
      const definitions = this.definitions.get(key);
      if (!definitions) throw new NotFoundError(`${key} is not defined in ${this.folder}`);
      const [definition] = definitions;
      if (definitions.length > 1 || !definition?.source) throw new InvalidError(reasonOf(this.log.get(key)));
      const file = definition.source.file;
      // The precondition is checked against the file as it is now, not as it was last seen.
      await this.reloadFile(file);
      const manifest = this.files.get(file)?.manifest;
      if (!manifest) throw new ConflictError(`${key} is no longer in ${file}`);
      const { text, next, written } = planUpdate(manifest, key, object);
      await assertInsideFolder(this.folder, this.path(file));
      if (options.dryRun) return written;

      await writeFileAtomic(this.path(file), text, {
        beforeRename: async () => {
          const onDisk = await readRegularFile(this.path(file)).catch(() => undefined);
          if (onDisk !== manifest.text)
            throw new ConflictError(`${file} changed on disk while Weir was writing it`);
        },
      });
      // Held right away with one event; the watcher then finds nothing new in the file.
      this.applyFile(file, { manifest: next, objects: objectsOf(next) });
      return written;
    });
  }

  create(object: MeshObject, options: WriteOptions = {}): Promise<MeshObject> {
    return this.serial(async () => {
      if ((object.kind as string) === 'Invalid' || !object.metadata?.name) {
        throw new InvalidError('only a parsed object with a name can be written');
      }
      assertObjectNames({ namespace: scope(object), name: object.metadata.name });
      const key = objectKey({ kind: object.kind, namespace: scope(object), name: object.metadata.name });
      await this.rescan();
      if (this.definitions.has(key))
        throw new ConflictError(`${key} already exists in ${this.folder}`, { reason: 'AlreadyExists' });
      const { file, text, next, written } = planCreate(object);
      await assertInsideFolder(this.folder, this.path(file));
      const exists = () =>
        stat(this.path(file)).then(
          () => true,
          () => false,
        );
      if (await exists())
        throw new ConflictError(`${file} already exists in ${this.folder}`, { reason: 'AlreadyExists' });
      if (options.dryRun) return written;

      await mkdir(dirname(this.path(file)), { recursive: true });
      await writeFileAtomic(this.path(file), text, {
        beforeRename: async () => {
          if (await exists()) throw new ConflictError(`${file} appeared on disk while Weir was writing it`);
        },
      });
      this.applyFile(file, { manifest: next, objects: objectsOf(next) });
      return written;
    });
  }

  /** Answers undefined: kubectl's last-applied-configuration, which a cluster answers, is a cluster's. */
  delete(ref: ObjectRef, options: DeleteOptions): Promise<undefined> {
    return this.serial(async (): Promise<undefined> => {
      assertObjectNames(ref);
      const key = objectKey(ref);
      if (!this.definitions.has(key)) await this.rescan();
      const definitions = this.definitions.get(key);
      if (!definitions) throw new NotFoundError(`${key} is not defined in ${this.folder}`);
      const [definition] = definitions;
      if (definitions.length > 1 || !definition?.source) throw new InvalidError(reasonOf(this.log.get(key)));
      const file = definition.source.file;
      await this.reloadFile(file);
      const manifest = this.files.get(file)?.manifest;
      if (!manifest) throw new ConflictError(`${key} is no longer in ${file}`);
      const { text, next } = planDelete(manifest, key, options.resourceVersion);
      await assertInsideFolder(this.folder, this.path(file));
      if (options.dryRun) return;

      const unchanged = async () => {
        const onDisk = await readRegularFile(this.path(file)).catch(() => undefined);
        if (onDisk !== manifest.text)
          throw new ConflictError(`${file} changed on disk while Weir was writing it`);
      };
      if (text === undefined) {
        await unchanged();
        await unlink(this.path(file));
        this.applyFile(file, undefined);
      } else {
        await writeFileAtomic(this.path(file), text, { beforeRename: unchanged });
        this.applyFile(file, next && { manifest: next, objects: objectsOf(next) });
      }
      return undefined;
    });
  }

  /** Whether this process may replace the object's file (options.actor plays no part here). */
  async canUpdate(ref: ObjectRef): Promise<boolean> {
    const file = this.definitions.get(objectKey(ref))?.[0]?.source?.file;
    const target = file ? await realpath(this.path(file)).catch(() => this.path(file)) : this.folder;
    // The write goes to a temporary file beside the target and is renamed over it.
    const writable = (path: string) =>
      access(path, constants.W_OK).then(
        () => true,
        () => false,
      );
    return (await writable(target)) && (file === undefined || (await writable(dirname(target))));
  }

  /** The local person: the account Weir runs as (a folder has no other identity). */
  async whoAmI(): Promise<string> {
    try {
      return userInfo().username;
    } catch {
      return 'local user';
    }
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.work.then(task, task);
    this.work = run.catch(() => {});
    return run;
  }

  /** One batch of paths the watcher saw change. */
  private async refresh(paths: string[]): Promise<void> {
    if (this.stopped) return;
    try {
      let rescan = false;
      const changed: string[] = [];
      for (const path of paths) {
        const name = basename(path);
        if (path.split('/').some((part, i, all) => i < all.length - 1 && isSkippedDirectoryName(part)))
          continue;
        if (TEMP_FILE.test(name)) continue;
        if (name === 'Chart.yaml' || path === '' || this.directories.has(path)) rescan = true;
        else if (isManifestName(name)) changed.push(path);
        else if (await isDirectory(this.path(path))) rescan = true;
      }
      if (rescan) await this.rescan();
      else for (const file of changed) await this.reloadFile(file);
      this.log.setSync(true);
    } catch (error) {
      this.log.setSync(false, `cannot read ${this.folder}: ${(error as Error).message}`);
    }
  }

  /** Lists the folder again: new and removed files and directories, changed files. */
  private async rescan(): Promise<void> {
    const listing = await listManifestFiles(this.folder);
    for (const leftover of listing.staleTempFiles) await unlink(this.path(leftover)).catch(() => {});
    this.directories = new Set(listing.directories);
    if (!this.stopped) this.watcher.watchOnly(listing.directories);
    const present = new Set(listing.files);
    for (const file of [...this.files.keys()]) if (!present.has(file)) this.applyFile(file, undefined);
    for (const file of listing.files) await this.reloadFile(file);
  }

  private async reloadFile(file: string): Promise<void> {
    let text: string;
    try {
      text = await readRegularFile(this.path(file));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return this.applyFile(file, undefined);
      const why = error instanceof UnreadableFileError ? error.message : (code ?? String(error));
      const problem = fileProblem({ file, document: 0, line: 1 }, `${file}: cannot be read (${why})`);
      return this.applyFile(file, { objects: [problem] });
    }
    if (this.files.get(file)?.manifest?.text === text) return;
    const manifest = readManifestText(file, text, this.meshConfig);
    this.applyFile(file, { manifest, objects: objectsOf(manifest) });
  }

  /** Replaces what one file defines and emits an event for each key whose object changed. */
  private applyFile(file: string, next: FileState | undefined): void {
    const previous = this.files.get(file);
    if (next) this.files.set(file, next);
    else this.files.delete(file);
    const affected = new Set([...(previous?.objects ?? []), ...(next?.objects ?? [])].map(keyOf));
    for (const key of affected) {
      const definitions = (this.definitions.get(key) ?? [])
        .filter((object) => object.source?.file !== file)
        .concat((next?.objects ?? []).filter((object) => keyOf(object) === key))
        .sort(bySource);
      if (definitions.length > 0) this.definitions.set(key, definitions);
      else this.definitions.delete(key);
      this.resolve(key, definitions);
    }
  }

  // One definition is the object; several are one problem naming all of them.
  private resolve(key: ObjectKey, definitions: StoredObject[]): void {
    const [first] = definitions;
    if (!first) this.log.delete(key);
    else this.log.put(definitions.length === 1 ? first : duplicateObject(key, definitions));
  }

  private path(file: string): string {
    return join(this.folder, ...file.split('/'));
  }
}

function objectsOf(manifest: ManifestFile): StoredObject[] {
  return manifest.documents.flatMap((document) => (document.object ? [document.object] : []));
}

function bySource(a: StoredObject, b: StoredObject): number {
  const [fileA, fileB] = [a.source?.file ?? '', b.source?.file ?? ''];
  return fileA < fileB ? -1 : fileA > fileB ? 1 : (a.source?.document ?? 0) - (b.source?.document ?? 0);
}

function scope(object: MeshObject): string {
  if (object.kind === 'Namespace' || object.kind === 'GatewayClass') return '';
  return object.metadata.namespace || 'default';
}

function reasonOf(object: StoredObject | undefined): string {
  return object?.kind === 'Invalid' ? object.reason : 'the object cannot be written';
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
