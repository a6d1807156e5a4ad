import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { objectMetaSchema, summaryMetaSchema } from './object-meta-schema';
import { stringMap, strings } from './schema-parts';
import type { MeshConfigPlace, MeshConfigSpec, SidecarSpec } from './types';

/** The name of the ConfigMap istiod reads the mesh config from (Istio's default `istio`). */
export const MESH_CONFIG_NAME = 'istio';
/** Istio's default root namespace, where the mesh config and mesh-wide Sidecars live. */
export const DEFAULT_ROOT_NAMESPACE = 'istio-system';
/** Istio's default place for the mesh config: istio-system/istio. */
export const DEFAULT_MESH_CONFIG_PLACE: Readonly<MeshConfigPlace> = Object.freeze({
  namespace: DEFAULT_ROOT_NAMESPACE,
  name: MESH_CONFIG_NAME,
});

/** `namespace/name`: how messages name the mesh config's place. */
export function meshConfigPlaceName(place: MeshConfigPlace): string {
  return `${place.namespace}/${place.name}`;
}

const sidecarSpec: z.ZodType<SidecarSpec> = z.looseObject({
  workloadSelector: z.looseObject({ labels: stringMap.optional() }).optional(),
  egress: z
    .array(
      z.looseObject({
        hosts: strings.optional(),
        port: z
          .looseObject({
            number: z.number().int().optional(),
            protocol: z.string().optional(),
            name: z.string().optional(),
          })
          .optional(),
      }),
    )
    .optional(),
  outboundTrafficPolicy: z.looseObject({ mode: z.string().optional() }).optional(),
});

export const sidecarSchema = z.looseObject({ metadata: objectMetaSchema, spec: sidecarSpec.prefault({}) });

/**
 * The `istio` ConfigMap, kept as the summary Weir needs: `data.mesh` is YAML text, read here
 * once so nothing else sees the ConfigMap's shape. Text that is not YAML (or not a map) is
 * kept as `error`, so validation can say so instead of guessing a policy.
 */
export const meshConfigSchema = z
  .object({
    metadata: summaryMetaSchema,
    data: z.record(z.string(), z.string()).optional(),
  })
  .transform(({ metadata, data }) => ({ metadata, spec: readMeshConfig(data?.mesh) }));

function readMeshConfig(text: string | undefined): MeshConfigSpec {
  if (text === undefined || text.trim() === '') return {};
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    return {
      error: `data.mesh is not YAML: ${error instanceof Error ? error.message.split('\n')[0] : error}`,
    };
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) return { error: 'data.mesh is not a map' };
  const mesh = value as Record<string, unknown>;
  const policy = mesh.outboundTrafficPolicy;
  const mode =
    policy !== null && typeof policy === 'object' ? (policy as Record<string, unknown>).mode : undefined;
  const root = mesh.rootNamespace;
  return {
    ...(typeof mode === 'string' && { outboundTrafficPolicy: { mode } }),
    ...(typeof root === 'string' && root !== '' && { rootNamespace: root }),
  };
}
