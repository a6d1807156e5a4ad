import { z } from 'zod';
import { GATEWAY_ROUTE_KINDS } from '../gateway-api-types';
import { namespaceName, objectName } from '../object-names';
import { ISTIO_KINDS } from '../types';

// The pieces every change record is made of, as they arrive over HTTP. Only types and
// ranges here: each kind's apply checks what the record means against the object.

export const objectRef = z.object({
  kind: z.enum([...ISTIO_KINDS, ...GATEWAY_ROUTE_KINDS, 'KubernetesGateway', 'Service', 'Namespace', 'Pod']),
  // '' is a cluster-scoped object's (a Namespace); any other must be a namespace's name.
  namespace: z.union([z.literal(''), namespaceName]),
  name: objectName,
});

export const routeKind = z.enum(['http', 'tcp', 'tls']);

export const index = z.number().int().min(0);

/** A route or spec: checked field by field when applied, and kept whole (unknown fields too). */
export const fields = z.record(z.string(), z.unknown());

/** The kinds a person may create, edit as a whole, or delete from the graph. */
export const WHOLE_OBJECT_KINDS = ['VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry'] as const;

/**
 * The kinds a create or delete may name: those, and the Gateway API's routes. Not its
 * Gateway (KubernetesGateway): Weir edits its listeners but never makes or removes one.
 */
export const CREATABLE_KINDS = [...WHOLE_OBJECT_KINDS, ...GATEWAY_ROUTE_KINDS] as const;

/**
 * The kinds whose spec a person may replace whole (the YAML tab, the object forms): those,
 * the Gateway API's routes, and its Gateway (held as KubernetesGateway).
 */
export const WHOLE_SPEC_KINDS = [...WHOLE_OBJECT_KINDS, ...GATEWAY_ROUTE_KINDS, 'KubernetesGateway'] as const;

/**
 * A create's or delete's object: one of the creatable kinds, or a ReferenceGrant (created to
 * let a refused Gateway API reference through, deleted by its undo), in a namespace.
 */
export const lifecycleTarget = z.object({
  kind: z.enum([...CREATABLE_KINDS, 'ReferenceGrant']),
  namespace: namespaceName,
  name: objectName,
});
