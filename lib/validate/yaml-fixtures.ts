/** Manifest files as the files backend would read them, for the demo and corpus tests. */
import { parseAllDocuments } from 'yaml';
import { keyOf } from '../mesh/object-key';
import { parseObject } from '../mesh/parse';
import type { MeshSnapshot } from '../mesh/types';
import { snapshotOf } from './test-fixtures';

/** Objects from the YAML documents of some manifest files, parsed as the files backend would. */
export function snapshotFromYaml(files: readonly { file: string; text: string }[]): MeshSnapshot {
  const snapshot = snapshotOf([]);
  for (const { file, text } of files) {
    parseAllDocuments(text).forEach((document, index) => {
      const object = parseObject(document.toJSON(), { file, document: index, line: 1 });
      if (object) snapshot.objects[keyOf(object)] = object;
    });
  }
  return snapshot;
}
