import { createTwoFilesPatch } from 'diff';
import YAML from 'yaml';
import { type JsonPatchOp, jsonPatch } from './json-patch';
import { toManifest } from './parse';
import type { MeshObject } from './types';

export interface ExportedChange {
  /** The changed object as a manifest to commit (server-set fields left out). */
  manifest: string;
  /** A unified diff of the manifest, before → after. */
  diff: string;
  /** A `kubectl patch` that applies the change only to the version it was made against. */
  patch: string;
}

// Set by the API server; a manifest in Git never carries them.
const SERVER_FIELDS = ['resourceVersion', 'uid', 'generation', 'creationTimestamp', 'managedFields'];

function cleanManifest(object: MeshObject): Record<string, unknown> {
  const manifest = toManifest(object);
  const metadata = { ...(manifest.metadata as Record<string, unknown>) };
  for (const field of SERVER_FIELDS) delete metadata[field];
  const { status: _status, ...rest } = manifest;
  return { ...rest, metadata };
}

const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** A pending change, for teams who apply through Git or by hand: manifest, diff and kubectl patch. */
export function exportChange(before: MeshObject, after: MeshObject): ExportedChange {
  const old = cleanManifest(before);
  const next = cleanManifest(after);
  const manifest = YAML.stringify(next);
  const { name, namespace } = after.metadata;
  const file = `${namespace ?? 'default'}/${after.kind.toLowerCase()}-${name}.yaml`;
  const diff = createTwoFilesPatch(`a/${file}`, `b/${file}`, YAML.stringify(old), manifest, '', '', {
    context: 3,
  });
  const ops: JsonPatchOp[] = [
    { op: 'test', path: '/metadata/resourceVersion', value: before.metadata.resourceVersion },
    ...jsonPatch(old.spec, next.spec, ['spec']),
  ];
  const patch = [
    `kubectl patch ${after.kind.toLowerCase()}.networking.istio.io ${name}`,
    namespace ? `-n ${namespace}` : '',
    `--type=json -p ${shellQuote(JSON.stringify(ops))}`,
  ]
    .filter(Boolean)
    .join(' ');
  return { manifest, diff, patch };
}
