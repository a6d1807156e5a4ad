import { z } from 'zod';
import { port, stringMap, strings } from './schema-parts';
import type { DestinationRuleSpec, TrafficPolicy } from './types';

const trafficPolicyFields = {
  loadBalancer: z
    .looseObject({
      simple: z
        .enum(['UNSPECIFIED', 'LEAST_CONN', 'RANDOM', 'PASSTHROUGH', 'ROUND_ROBIN', 'LEAST_REQUEST'])
        .optional(),
      consistentHash: z
        .looseObject({
          httpHeaderName: z.string().optional(),
          httpCookie: z
            .looseObject({ name: z.string(), path: z.string().optional(), ttl: z.string().optional() })
            .optional(),
          useSourceIp: z.boolean().optional(),
          httpQueryParameterName: z.string().optional(),
          minimumRingSize: z.number().int().optional(),
        })
        .optional(),
    })
    .optional(),
  connectionPool: z
    .looseObject({
      tcp: z
        .looseObject({
          maxConnections: z.number().int().optional(),
          connectTimeout: z.string().optional(),
          tcpKeepalive: z
            .looseObject({
              probes: z.number().int().optional(),
              time: z.string().optional(),
              interval: z.string().optional(),
            })
            .optional(),
        })
        .optional(),
      http: z
        .looseObject({
          http1MaxPendingRequests: z.number().int().optional(),
          http2MaxRequests: z.number().int().optional(),
          maxRequestsPerConnection: z.number().int().optional(),
          maxRetries: z.number().int().optional(),
          idleTimeout: z.string().optional(),
          h2UpgradePolicy: z.enum(['DEFAULT', 'DO_NOT_UPGRADE', 'UPGRADE']).optional(),
        })
        .optional(),
    })
    .optional(),
  outlierDetection: z
    .looseObject({
      consecutive5xxErrors: z.number().int().optional(),
      consecutiveGatewayErrors: z.number().int().optional(),
      consecutiveErrors: z.number().int().optional(),
      interval: z.string().optional(),
      baseEjectionTime: z.string().optional(),
      maxEjectionPercent: z.number().int().optional(),
      minHealthPercent: z.number().int().optional(),
    })
    .optional(),
  tls: z
    .looseObject({
      mode: z.enum(['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL']).optional(),
      clientCertificate: z.string().optional(),
      privateKey: z.string().optional(),
      caCertificates: z.string().optional(),
      credentialName: z.string().optional(),
      sni: z.string().optional(),
      subjectAltNames: strings.optional(),
      insecureSkipVerify: z.boolean().optional(),
    })
    .optional(),
};

const trafficPolicy: z.ZodType<TrafficPolicy> = z.looseObject({
  ...trafficPolicyFields,
  portLevelSettings: z
    .array(
      z.looseObject({ port: z.looseObject({ number: port.optional() }).optional(), ...trafficPolicyFields }),
    )
    .optional(),
});

export const destinationRuleSpecSchema: z.ZodType<DestinationRuleSpec> = z.looseObject({
  host: z.string(),
  trafficPolicy: trafficPolicy.optional(),
  subsets: z
    .array(
      z.looseObject({
        name: z.string(),
        labels: stringMap.optional(),
        trafficPolicy: trafficPolicy.optional(),
      }),
    )
    .optional(),
  exportTo: strings.optional(),
  workloadSelector: z.looseObject({ matchLabels: stringMap.optional() }).optional(),
});
