import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { moduleDir } from '../cluster/cluster';
import { GATEWAY_API_MODULE } from '../cluster/versions';

interface Schema {
  default?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
}

interface Crd {
  kind: string;
  spec: {
    group: string;
    names: { kind: string };
    versions: Array<{ name: string; schema?: { openAPIV3Schema?: Schema } }>;
  };
}

/**
 * An object as the API server stores it: the `default`s of its CRD's schema filled in, the way
 * the API server's structural defaulting does (a property's default where it is absent, then
 * down into every property, item and map value). istiod only ever reads stored objects; a
 * manifest as written leaves the defaults out, and istiod's conversion assumes them.
 */
export function withStoredDefaults(object: Record<string, unknown>): Record<string, unknown> {
  const schema = schemas().get(`${object.apiVersion}/${object.kind}`);
  if (!schema) return object;
  const copy = structuredClone(object);
  fill(copy, schema);
  return copy;
}

function fill(value: unknown, schema: Schema | undefined): void {
  if (!schema || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) fill(item, schema.items);
    return;
  }
  const map = value as Record<string, unknown>;
  for (const [key, property] of Object.entries(schema.properties ?? {}))
    if (!(key in map) && property.default !== undefined) map[key] = structuredClone(property.default);
  for (const [key, child] of Object.entries(map)) {
    const property =
      schema.properties?.[key] ??
      (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
    fill(child, property);
  }
}

let cached: Map<string, Schema> | undefined;

/** The Gateway API's standard and experimental CRDs (the module tools/cluster installs), by `group/version/Kind`. */
function schemas(): Map<string, Schema> {
  if (cached) return cached;
  cached = new Map();
  const root = path.join(moduleDir(GATEWAY_API_MODULE), 'config', 'crd');
  for (const channel of ['experimental', 'standard']) {
    const folder = path.join(root, channel);
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.yaml'))) {
      for (const doc of YAML.parseAllDocuments(readFileSync(path.join(folder, file), 'utf8'))) {
        const crd = doc.toJS() as Crd | null;
        if (crd?.kind !== 'CustomResourceDefinition') continue;
        for (const version of crd.spec.versions) {
          const schema = version.schema?.openAPIV3Schema;
          // The standard channel's schema wins where both channels define a version.
          if (schema) cached.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, schema);
        }
      }
    }
  }
  return cached;
}
