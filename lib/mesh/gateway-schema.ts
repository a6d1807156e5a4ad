import { z } from 'zod';
import { port, stringMap, strings } from './schema-parts';
import type { GatewaySpec } from './types';

const gatewayServer = z.looseObject({
  port: z.looseObject({
    number: port,
    protocol: z.string(),
    name: z.string().optional(),
    targetPort: port.optional(),
  }),
  hosts: strings,
  bind: z.string().optional(),
  defaultEndpoint: z.string().optional(),
  tls: z
    .looseObject({
      httpsRedirect: z.boolean().optional(),
      mode: z
        .enum(['PASSTHROUGH', 'SIMPLE', 'MUTUAL', 'AUTO_PASSTHROUGH', 'ISTIO_MUTUAL', 'OPTIONAL_MUTUAL'])
        .optional(),
      credentialName: z.string().optional(),
      serverCertificate: z.string().optional(),
      privateKey: z.string().optional(),
      caCertificates: z.string().optional(),
      subjectAltNames: strings.optional(),
      minProtocolVersion: z.string().optional(),
      maxProtocolVersion: z.string().optional(),
      cipherSuites: strings.optional(),
    })
    .optional(),
  name: z.string().optional(),
});

export const gatewaySpecSchema: z.ZodType<GatewaySpec> = z.looseObject({
  selector: stringMap.optional(),
  servers: z.array(gatewayServer).optional(),
});
