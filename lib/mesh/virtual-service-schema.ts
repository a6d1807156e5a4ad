import { z } from 'zod';
import {
  destination,
  percent,
  port,
  stringMap,
  stringMatch,
  stringMatchMap,
  strings,
  weight,
} from './schema-parts';
import type { VirtualServiceSpec } from './types';

const headerOperations = z.looseObject({
  set: stringMap.optional(),
  add: stringMap.optional(),
  remove: strings.optional(),
});
const headers = z.looseObject({
  request: headerOperations.optional(),
  response: headerOperations.optional(),
});

const httpMatchRequest = z.looseObject({
  name: z.string().optional(),
  uri: stringMatch.optional(),
  scheme: stringMatch.optional(),
  method: stringMatch.optional(),
  authority: stringMatch.optional(),
  headers: stringMatchMap.optional(),
  queryParams: stringMatchMap.optional(),
  withoutHeaders: stringMatchMap.optional(),
  port: port.optional(),
  sourceLabels: stringMap.optional(),
  sourceNamespace: z.string().optional(),
  gateways: strings.optional(),
  ignoreUriCase: z.boolean().optional(),
});

const httpRouteDestination = z.looseObject({
  destination,
  weight: weight.optional(),
  headers: headers.optional(),
});

const httpRoute = z.looseObject({
  name: z.string().optional(),
  match: z.array(httpMatchRequest).optional(),
  route: z.array(httpRouteDestination).optional(),
  redirect: z
    .looseObject({
      uri: z.string().optional(),
      authority: z.string().optional(),
      port: port.optional(),
      scheme: z.string().optional(),
      redirectCode: z.number().int().optional(),
    })
    .optional(),
  directResponse: z
    .looseObject({
      status: z.number().int(),
      body: z.looseObject({ string: z.string().optional(), bytes: z.string().optional() }).optional(),
    })
    .optional(),
  delegate: z.looseObject({ name: z.string().optional(), namespace: z.string().optional() }).optional(),
  rewrite: z
    .looseObject({
      uri: z.string().optional(),
      authority: z.string().optional(),
      uriRegexRewrite: z
        .looseObject({ match: z.string().optional(), rewrite: z.string().optional() })
        .optional(),
    })
    .optional(),
  timeout: z.string().optional(),
  retries: z
    .looseObject({
      attempts: z.number().int().optional(),
      perTryTimeout: z.string().optional(),
      retryOn: z.string().optional(),
      retryRemoteLocalities: z.boolean().optional(),
    })
    .optional(),
  fault: z
    .looseObject({
      delay: z
        .looseObject({
          fixedDelay: z.string().optional(),
          percentage: percent.optional(),
          percent: z.number().optional(),
        })
        .optional(),
      abort: z
        .looseObject({
          httpStatus: z.number().int().optional(),
          grpcStatus: z.string().optional(),
          percentage: percent.optional(),
        })
        .optional(),
    })
    .optional(),
  mirror: destination.optional(),
  mirrorPercentage: percent.optional(),
  mirrors: z.array(z.looseObject({ destination, percentage: percent.optional() })).optional(),
  corsPolicy: z
    .looseObject({
      allowOrigins: z.array(stringMatch).optional(),
      allowMethods: strings.optional(),
      allowHeaders: strings.optional(),
      exposeHeaders: strings.optional(),
      maxAge: z.string().optional(),
      allowCredentials: z.boolean().optional(),
    })
    .optional(),
  headers: headers.optional(),
});

const l4Match = {
  destinationSubnets: strings.optional(),
  port: port.optional(),
  sourceLabels: stringMap.optional(),
  gateways: strings.optional(),
  sourceNamespace: z.string().optional(),
};
const routeDestination = z.looseObject({ destination, weight: weight.optional() });

export const virtualServiceSpecSchema: z.ZodType<VirtualServiceSpec> = z.looseObject({
  hosts: strings.optional(),
  gateways: strings.optional(),
  http: z.array(httpRoute).optional(),
  tcp: z
    .array(
      z.looseObject({
        match: z.array(z.looseObject(l4Match)).optional(),
        route: z.array(routeDestination).optional(),
      }),
    )
    .optional(),
  tls: z
    .array(
      z.looseObject({
        match: z.array(z.looseObject({ ...l4Match, sniHosts: strings.optional() })).optional(),
        route: z.array(routeDestination).optional(),
      }),
    )
    .optional(),
  exportTo: strings.optional(),
});
