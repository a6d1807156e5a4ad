import { z } from 'zod';
import { namespaceSchema, podSchema, serviceSchema } from './core-schemas';
import { destinationRuleSpecSchema } from './destination-rule-schema';
import {
  gatewayClassSpecSchema,
  grpcRouteSpecSchema,
  httpRouteSpecSchema,
  kubernetesGatewaySpecSchema,
  referenceGrantSpecSchema,
  tcpRouteSpecSchema,
  tlsRouteSpecSchema,
} from './gateway-api-schema';
import { GATEWAY_API_GROUP, type GatewayApiKind, manifestKindOf } from './gateway-api-types';
import { gatewaySpecSchema } from './gateway-schema';
import { objectMetaSchema } from './object-meta-schema';
import { DEFAULT_MESH_CONFIG_PLACE, meshConfigSchema, sidecarSchema } from './outbound-schemas';
import { describeIssues } from './parse-issue';
import { podSummary } from './pod-summary';
import { serviceEntrySpecSchema } from './service-entry-schema';
import type {
  CoreKind,
  InvalidObject,
  IstioKind,
  MeshConfigPlace,
  MeshObject,
  ObjectMeta,
  SourceLocation,
  StoredObject,
} from './types';
import { virtualServiceSpecSchema } from './virtual-service-schema';

const ISTIO_GROUP = 'networking.istio.io';

/** The Istio API versions Weir reads; an object keeps the version it was written in. */
export const ISTIO_API_VERSIONS: readonly string[] = ['v1', 'v1beta1', 'v1alpha3'].map(
  (v) => `${ISTIO_GROUP}/${v}`,
);

const ISTIO_SCHEMAS: Record<IstioKind, z.ZodType> = {
  Gateway: istioObject(gatewaySpecSchema),
  VirtualService: istioObject(virtualServiceSpecSchema),
  DestinationRule: istioObject(destinationRuleSpecSchema),
  ServiceEntry: istioObject(serviceEntrySpecSchema),
};

/**
 * The Gateway API versions Weir reads (v1 for most kinds; ReferenceGrant is v1beta1 before
 * Gateway API 1.5, TCPRoute and TLSRoute v1alpha2 before 1.5/1.6). The fields Weir reads are
 * the same in each.
 */
export const GATEWAY_API_VERSIONS: readonly string[] = ['v1', 'v1beta1', 'v1alpha2', 'v1alpha3'].map(
  (v) => `${GATEWAY_API_GROUP}/${v}`,
);

const GATEWAY_API_SCHEMAS: Record<GatewayApiKind, z.ZodType> = {
  KubernetesGateway: istioObject(kubernetesGatewaySpecSchema),
  GatewayClass: istioObject(gatewayClassSpecSchema),
  HTTPRoute: istioObject(httpRouteSpecSchema),
  GRPCRoute: istioObject(grpcRouteSpecSchema),
  TCPRoute: istioObject(tcpRouteSpecSchema),
  TLSRoute: istioObject(tlsRouteSpecSchema),
  ReferenceGrant: istioObject(referenceGrantSpecSchema),
};

/** The kind Weir holds a Gateway API manifest kind as (`Gateway` → `KubernetesGateway`). */
function gatewayApiKind(kind: string): GatewayApiKind | undefined {
  const held = kind === 'Gateway' ? 'KubernetesGateway' : kind;
  return Object.hasOwn(GATEWAY_API_SCHEMAS, held) ? (held as GatewayApiKind) : undefined;
}

const CORE_SCHEMAS: Record<CoreKind, z.ZodType> = {
  Service: serviceSchema,
  Namespace: namespaceSchema.transform((object) => ({ ...object, spec: {} })),
  Pod: podSchema,
};

function istioObject(spec: z.ZodType) {
  // Loose at the top too: `status` and anything else the API server adds stays on the object.
  return z.looseObject({ metadata: objectMetaSchema, spec: spec.prefault({}) });
}

/**
 * Turns one raw manifest (parsed YAML or JSON from the API) into Weir's object: undefined for
 * kinds Weir does not hold, an InvalidObject with a one-line reason when a kind it holds is
 * malformed or in an API version it does not know. Never throws. Of ConfigMaps only the mesh
 * config is held: the one at `meshConfig` (WEIR_ISTIO_ROOT_NAMESPACE / WEIR_ISTIO_MESH_CONFIG,
 * default istio-system/istio), for a cluster and a folder alike.
 */
export function parseObject(
  raw: unknown,
  source?: SourceLocation,
  meshConfig: MeshConfigPlace = DEFAULT_MESH_CONFIG_PLACE,
): StoredObject | undefined {
  if (!isRecord(raw) || typeof raw.kind !== 'string') return undefined;
  const apiVersion = raw.apiVersion;
  const gatewayApi = typeof apiVersion === 'string' && apiVersion.startsWith(`${GATEWAY_API_GROUP}/`);
  const kind = (gatewayApi && gatewayApiKind(raw.kind)) || raw.kind;
  const schema = gatewayApi
    ? gatewayApiSchemaFor(kind, apiVersion)
    : schemaFor(kind, apiVersion, raw, meshConfig);
  if (schema === undefined) return undefined;
  if (typeof schema === 'string') return invalidObject(raw, kind, schema, source);

  let result: ReturnType<z.ZodType['safeParse']>;
  // Pods are most of a large mesh's objects: a well-formed one is read without the schema walk.
  const quick = schema === CORE_SCHEMAS.Pod ? podSummary(raw) : undefined;
  try {
    result = quick ? { success: true, data: quick } : schema.safeParse(raw, { reportInput: true });
  } catch (error) {
    // Input zod cannot walk (a cyclic structure from YAML aliases): report, never throw.
    return invalidObject(raw, kind, `(object): cannot be read (${String(error)})`, source);
  }
  if (!result.success) return invalidObject(raw, kind, describeIssues(result.error.issues), source);
  // The kind Weir holds it as wins over the manifest's (a Gateway API `Gateway` is a KubernetesGateway).
  const object = { kind, apiVersion, ...(result.data as object) } as MeshObject;
  object.kind = kind as MeshObject['kind'];
  if (source) object.source = source;
  return object;
}

/** The schema for a kind Weir holds, a reason when its apiVersion is wrong, undefined when not Weir's. */
function schemaFor(
  kind: string,
  apiVersion: unknown,
  raw: Record<string, unknown>,
  meshConfig: MeshConfigPlace,
): z.ZodType | string | undefined {
  if (Object.hasOwn(ISTIO_SCHEMAS, kind)) {
    if (typeof apiVersion !== 'string') return `apiVersion: is required (${ISTIO_GROUP}/v1 for ${kind})`;
    // Same kind name in another API group (the Kubernetes Gateway API's Gateway): not ours.
    if (!apiVersion.startsWith(`${ISTIO_GROUP}/`)) return undefined;
    if (!ISTIO_API_VERSIONS.includes(apiVersion)) {
      return `apiVersion: ${apiVersion} is not a version Weir reads (${ISTIO_GROUP}/v1, v1beta1 or v1alpha3)`;
    }
    return ISTIO_SCHEMAS[kind as IstioKind];
  }
  // Read only, for the outbound policy: Sidecars, and of all ConfigMaps only the mesh config.
  if (kind === 'Sidecar') {
    if (typeof apiVersion !== 'string' || !apiVersion.startsWith(`${ISTIO_GROUP}/`)) return undefined;
    return ISTIO_API_VERSIONS.includes(apiVersion)
      ? sidecarSchema
      : `apiVersion: ${apiVersion} is not a version Weir reads (${ISTIO_GROUP}/v1, v1beta1 or v1alpha3)`;
  }
  if (kind === 'ConfigMap') {
    return apiVersion === 'v1' &&
      isRecord(raw.metadata) &&
      raw.metadata.name === meshConfig.name &&
      raw.metadata.namespace === meshConfig.namespace
      ? meshConfigSchema
      : undefined;
  }
  if (Object.hasOwn(CORE_SCHEMAS, kind)) {
    if (typeof apiVersion !== 'string') return `apiVersion: is required (v1 for ${kind})`;
    // A group means another API's kind of the same name (a Knative Service): not ours.
    if (apiVersion.includes('/')) return undefined;
    if (apiVersion !== 'v1') return `apiVersion: ${apiVersion} is not a version Weir reads (v1)`;
    return CORE_SCHEMAS[kind as CoreKind];
  }
  return undefined;
}

function gatewayApiSchemaFor(kind: string, apiVersion: string): z.ZodType | string | undefined {
  if (!Object.hasOwn(GATEWAY_API_SCHEMAS, kind)) return undefined;
  if (!GATEWAY_API_VERSIONS.includes(apiVersion)) {
    return `apiVersion: ${apiVersion} is not a version Weir reads (${GATEWAY_API_GROUP}/v1, v1beta1 or v1alpha2)`;
  }
  return GATEWAY_API_SCHEMAS[kind as GatewayApiKind];
}

function invalidObject(
  raw: Record<string, unknown>,
  kind: string,
  reason: string,
  source?: SourceLocation,
): InvalidObject {
  return {
    kind: 'Invalid',
    ofKind: kind,
    apiVersion: typeof raw.apiVersion === 'string' ? raw.apiVersion : '',
    metadata: salvageMetadata(raw.metadata),
    reason,
    raw,
    ...(source && { source }),
  };
}

// Whatever identity survives, so the broken object can still be keyed and drawn.
function salvageMetadata(metadata: unknown): ObjectMeta {
  const meta = isRecord(metadata) ? metadata : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const salvaged: ObjectMeta = { name: text(meta.name) ?? '' };
  for (const key of ['namespace', 'uid', 'resourceVersion'] as const) {
    const value = text(meta[key]);
    if (value !== undefined) salvaged[key] = value;
  }
  return salvaged;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The object as a plain Kubernetes manifest for writing: apiVersion, kind, metadata (without
 * managedFields) and spec, plus any other top-level field it was read with; never `source`.
 */
export function toManifest(object: MeshObject): Record<string, unknown> {
  const { source: _source, kind, apiVersion, metadata, spec, ...rest } = object;
  // Weir holds only a summary of managedFields; sending that back would overwrite the
  // server's field ownership, while omitting it leaves it as it is.
  const { managedFields: _managedFields, ...writableMetadata } = metadata;
  return { apiVersion, kind: manifestKindOf(kind), metadata: writableMetadata, spec, ...rest };
}
