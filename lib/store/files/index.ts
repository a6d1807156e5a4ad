import 'server-only';

export { createDemoStore, type DemoStoreOptions } from './demo-store';
export { createFilesStore, type FilesStoreOptions } from './files-store';
