import { z } from 'zod';
import type {
  GatewayClassSpec,
  GRPCRouteSpec,
  HTTPRouteSpec,
  KubernetesGatewaySpec,
  ReferenceGrantSpec,
  TCPRouteSpec,
  TLSRouteSpec,
} from './gateway-api-types';
import { port, stringMap, strings } from './schema-parts';

// Gateway API specs, loose like the Istio ones: only the fields Weir models are checked, and
// only for their type. The CRDs' own rules (CEL, enums, lengths) are the API server's; a
// broken reference is a lib/validate finding. `status` is not checked at all (it is the
// controllers', and Weir only reads it): the loose top level keeps it as it came.

const parentRef = z.looseObject({
  group: z.string().optional(),
  kind: z.string().optional(),
  namespace: z.string().optional(),
  name: z.string(),
  sectionName: z.string().optional(),
  port: port.optional(),
});

const header = z.looseObject({ name: z.string(), value: z.string() });
const headerModifier = z.looseObject({
  set: z.array(header).optional(),
  add: z.array(header).optional(),
  remove: strings.optional(),
});
const pathModifier = z.looseObject({
  type: z.string(),
  replaceFullPath: z.string().optional(),
  replacePrefixMatch: z.string().optional(),
});

const plainBackendRef = z.looseObject({
  group: z.string().optional(),
  kind: z.string().optional(),
  namespace: z.string().optional(),
  name: z.string(),
  port: port.optional(),
  weight: z.number().int().optional(),
});

const filter = z.looseObject({
  type: z.string(),
  requestHeaderModifier: headerModifier.optional(),
  responseHeaderModifier: headerModifier.optional(),
  requestRedirect: z
    .looseObject({
      scheme: z.string().optional(),
      hostname: z.string().optional(),
      path: pathModifier.optional(),
      port: port.optional(),
      statusCode: z.number().int().optional(),
    })
    .optional(),
  urlRewrite: z.looseObject({ hostname: z.string().optional(), path: pathModifier.optional() }).optional(),
  requestMirror: z
    .looseObject({
      backendRef: plainBackendRef,
      percent: z.number().int().optional(),
      fraction: z
        .looseObject({ numerator: z.number().int(), denominator: z.number().int().optional() })
        .optional(),
    })
    .optional(),
  cors: z.looseObject({}).optional(),
  extensionRef: z.looseObject({ group: z.string(), kind: z.string(), name: z.string() }).optional(),
});

const backendRef = plainBackendRef.extend({ filters: z.array(filter).optional() });

const nameValue = z.looseObject({ type: z.string().optional(), name: z.string(), value: z.string() });

const httpRule = z.looseObject({
  name: z.string().optional(),
  matches: z
    .array(
      z.looseObject({
        path: z.looseObject({ type: z.string().optional(), value: z.string().optional() }).optional(),
        headers: z.array(nameValue).optional(),
        queryParams: z.array(nameValue).optional(),
        method: z.string().optional(),
      }),
    )
    .optional(),
  filters: z.array(filter).optional(),
  backendRefs: z.array(backendRef).optional(),
  timeouts: z
    .looseObject({ request: z.string().optional(), backendRequest: z.string().optional() })
    .optional(),
});

const grpcRule = z.looseObject({
  name: z.string().optional(),
  matches: z
    .array(
      z.looseObject({
        method: z
          .looseObject({
            type: z.string().optional(),
            service: z.string().optional(),
            method: z.string().optional(),
          })
          .optional(),
        headers: z.array(nameValue).optional(),
      }),
    )
    .optional(),
  filters: z.array(filter).optional(),
  backendRefs: z.array(backendRef).optional(),
});

const l4Rule = z.looseObject({ name: z.string().optional(), backendRefs: z.array(backendRef).optional() });

const parentRefs = z.array(parentRef).optional();
const hostnames = strings.optional();

export const httpRouteSpecSchema: z.ZodType<HTTPRouteSpec> = z.looseObject({
  parentRefs,
  hostnames,
  rules: z.array(httpRule).optional(),
});

export const grpcRouteSpecSchema: z.ZodType<GRPCRouteSpec> = z.looseObject({
  parentRefs,
  hostnames,
  rules: z.array(grpcRule).optional(),
});

export const tcpRouteSpecSchema: z.ZodType<TCPRouteSpec> = z.looseObject({
  parentRefs,
  rules: z.array(l4Rule).optional(),
});

export const tlsRouteSpecSchema: z.ZodType<TLSRouteSpec> = z.looseObject({
  parentRefs,
  hostnames,
  rules: z.array(l4Rule).optional(),
});

const listener = z.looseObject({
  name: z.string(),
  hostname: z.string().optional(),
  port,
  protocol: z.string(),
  tls: z
    .looseObject({
      mode: z.string().optional(),
      certificateRefs: z
        .array(
          z.looseObject({
            group: z.string().optional(),
            kind: z.string().optional(),
            name: z.string(),
            namespace: z.string().optional(),
          }),
        )
        .optional(),
      options: stringMap.optional(),
    })
    .optional(),
  allowedRoutes: z
    .looseObject({
      namespaces: z
        .looseObject({
          from: z.string().optional(),
          selector: z
            .looseObject({
              matchLabels: stringMap.optional(),
              matchExpressions: z.array(z.unknown()).optional(),
            })
            .optional(),
        })
        .optional(),
      kinds: z.array(z.looseObject({ group: z.string().optional(), kind: z.string() })).optional(),
    })
    .optional(),
});

export const kubernetesGatewaySpecSchema: z.ZodType<KubernetesGatewaySpec> = z.looseObject({
  gatewayClassName: z.string().optional(),
  listeners: z.array(listener).optional(),
  addresses: z.array(z.looseObject({ type: z.string().optional(), value: z.string() })).optional(),
});

export const gatewayClassSpecSchema: z.ZodType<GatewayClassSpec> = z.looseObject({
  controllerName: z.string().optional(),
  description: z.string().optional(),
});

export const referenceGrantSpecSchema: z.ZodType<ReferenceGrantSpec> = z.looseObject({
  from: z.array(z.looseObject({ group: z.string(), kind: z.string(), namespace: z.string() })).optional(),
  to: z.array(z.looseObject({ group: z.string(), kind: z.string(), name: z.string().optional() })).optional(),
});
