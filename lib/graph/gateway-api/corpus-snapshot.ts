import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { GATEWAY_ROUTE_KINDS, type GatewayRoute } from '../../mesh/gateway-api-types';
import { keyOf } from '../../mesh/object-key';
import { parseObject } from '../../mesh/parse';
import type { MeshSnapshot, StoredObject } from '../../mesh/types';

// For tests: the Gateway API project's examples (../shared/corpus/gateway-api, see SOURCES.md)
// as snapshots, one per file, with the objects of the folder each file refers to.

/** The corpus folder (WEIR_CORPUS points elsewhere) and its YAML files; none when it is absent. */
export function gatewayApiCorpus(repoRoot: string): { folder: string; present: boolean; files: string[] } {
  const folder = path.join(
    process.env.WEIR_CORPUS ?? path.resolve(repoRoot, '..', 'shared', 'corpus'),
    'gateway-api',
  );
  const present = existsSync(folder);
  const files = present
    ? readdirSync(folder)
        .filter((file) => /\.ya?ml$/.test(file))
        .sort()
    : [];
  return { folder, present, files };
}

function objectsOf(folder: string, file: string): StoredObject[] {
  return parseAllDocuments(readFileSync(path.join(folder, file), 'utf8')).flatMap((doc, document) => {
    if (doc.errors.length > 0) return [];
    const object = parseObject(doc.toJS(), { file, document, line: 1 });
    return object ? [object] : [];
  });
}

export const isGatewayRoute = (object: StoredObject): object is GatewayRoute =>
  (GATEWAY_ROUTE_KINDS as readonly string[]).includes(object.kind);

/**
 * One file's objects, and from the rest of the folder the Gateways its routes name and every
 * Namespace (their labels decide allowedRoutes selectors) — never another version of an
 * object the file itself defines (traffic-splitting-* are one route, three ways). The same
 * example's files come first: several examples name a Gateway `example-gateway`, each its own.
 */
export function corpusSnapshot(folder: string, files: readonly string[], file: string): MeshSnapshot {
  const own = objectsOf(folder, file);
  const objects: Record<string, StoredObject> = {};
  for (const object of own) objects[keyOf(object)] = object;
  const wanted = new Set(
    own
      .filter(isGatewayRoute)
      .flatMap((route) =>
        (route.spec.parentRefs ?? []).map(
          (ref) => `KubernetesGateway/${ref.namespace ?? route.metadata.namespace ?? ''}/${ref.name}`,
        ),
      ),
  );
  const shared = (other: string) => {
    let n = 0;
    while (n < file.length && file[n] === other[n]) n++;
    return n;
  };
  const others = files.filter((f) => f !== file).sort((a, b) => shared(b) - shared(a) || (a < b ? -1 : 1));
  for (const other of others.flatMap((f) => objectsOf(folder, f))) {
    const key = keyOf(other);
    if (objects[key]) continue;
    if (other.kind === 'Namespace' || wanted.has(key)) objects[key] = other;
  }
  return {
    sequence: 1,
    objects,
    sync: { backend: 'files', source: folder, demo: false, synced: true, syncedAt: '2025-01-01T00:00:00Z' },
  };
}
