import { z } from 'zod';
import { InvalidError } from '../errors';
import type { BackendRef, GatewayRoute } from '../gateway-api-types';
import { namespaceNameProblem, objectNameProblem } from '../object-names';
import { backendShares } from '../resolve/gateway-api';
import type { RouteAddress } from '../route-address';
import type { MeshObject, ObjectRef } from '../types';
import {
  backendIdentity,
  backendPhrase,
  backendsOf,
  fieldError,
  ruleToEdit,
  sameBackendsIn,
  withBackends,
} from './backend-rule';
import type { EditKind } from './change-kind';
import { ruleAt } from './set-rule';
import { index, objectRef } from './wire-fields';

/**
 * Adds a backendRef to the end of one rule of a Gateway API route (HTTPRoute, GRPCRoute,
 * TCPRoute, TLSRoute) at weight 0: Gateway API weights are relative, so the others keep
 * their weights as written and traffic does not move until the person slides it up.
 */
export interface AddBackend {
  kind: 'AddBackend';
  target: ObjectRef;
  routeKind: 'rules';
  routeIndex: number;
  /** The backend to add; its weight is the change's to write (0, or none when it is alone). */
  backendRef: Omit<BackendRef, 'weight'>;
  /** Where to insert it (default: the end): an undo of a removal puts it back where it was. */
  at?: number;
}

export const addBackend: EditKind<AddBackend> = {
  kind: 'AddBackend',
  schema: z.object({
    kind: z.literal('AddBackend'),
    target: objectRef,
    routeKind: z.literal('rules'),
    routeIndex: index,
    backendRef: z.object({
      group: z.string().optional(),
      kind: z.string().optional(),
      namespace: z.string().optional(),
      name: z.string().min(1),
      port: z.number().int().min(1).max(65535).optional(),
      // A removed backend's own filters, put back by an undo; checked field by field once applied.
      filters: z.array(z.record(z.string(), z.unknown())).optional(),
    }),
    at: index.optional(),
  }),
  apply,
  // Only onto the same rule with the same backends: weights moved meanwhile are kept, the new
  // one joins at 0 beside them.
  rebase: (change, base, current) => (sameBackendsIn(base, current, change.routeIndex) ? change : undefined),
  describe(change, object) {
    const where = `${object.metadata.name} rules[${change.routeIndex}]`;
    const backend = change.backendRef as BackendRef | undefined;
    const name =
      backend && typeof backend.name === 'string'
        ? backendPhrase(backend, object.metadata.namespace ?? '')
        : 'a backend';
    const alone = (backendsOf(object, change.routeIndex) ?? []).length === 0;
    return `${where}: add ${name} at ${alone ? '100' : '0'}%`;
  },
  // The rule exactly as it was: a RemoveBackend would refuse the rule's only backend, and
  // could not say whether the rule had `backendRefs: []` or none at all.
  invert(change, before) {
    const rule = ruleAt(before, change.routeIndex);
    if (!rule) throw new InvalidError(`there was no rules[${change.routeIndex}] to change`);
    const { target, routeKind, routeIndex } = change;
    return [{ kind: 'SetRule', target, routeKind, routeIndex, rule }];
  },
  routeOf: ({ target, routeIndex }): RouteAddress => ({ ref: target, routeKind: 'rules', routeIndex }),
};

/**
 * Adds the backend at the end of the rule, at weight 0 (alone: with no weight, the default 1,
 * so it carries all of the rule). The others are left exactly as written. Refuses a backend
 * the rule already has, a rule that redirects, and a rule whose weights are all 0 (it
 * answers 500 already: adding at 0 would not make it send anywhere).
 */
function apply(object: MeshObject, change: AddBackend): GatewayRoute {
  const { route, rule, where } = ruleToEdit(object, change);
  const namespace = route.metadata.namespace ?? change.target.namespace;
  const backend = checkBackendRef(change.backendRef, route.kind);
  if ((rule.filters ?? []).some((f) => f?.type === 'RequestRedirect')) {
    throw fieldError('routeIndex', `${where} redirects: it has no backends to add to`);
  }
  const backends = rule.backendRefs ?? [];
  const id = backendIdentity(backend, namespace);
  if (backends.some((b) => backendIdentity(b, namespace) === id)) {
    throw fieldError('backendRef', `${where} already sends to ${backendPhrase(backend, namespace)}`);
  }
  if (backends.length > 0 && backendShares(backends.map((b) => b.weight)).every((s) => s === 0)) {
    throw fieldError('routeIndex', `${where} has backendRefs whose weights are all 0: set its weights first`);
  }
  const added: BackendRef = backends.length === 0 ? backend : { ...backend, weight: 0 };
  const at = change.at ?? backends.length;
  if (!Number.isInteger(at) || at < 0 || at > backends.length) {
    throw fieldError('at', `${where} has ${backends.length} backendRefs: at must be 0 to ${backends.length}`);
  }
  return withBackends(route, change.routeIndex, [...backends.slice(0, at), added, ...backends.slice(at)]);
}

const KIND = /^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const DNS_1035 = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const GROUP = /^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * The backendRef as it will be written: only the fields given, each checked as the Gateway
 * API's CRDs check them (a Service needs a port), nothing else carried in.
 */
function checkBackendRef(value: unknown, routeKind: string): Omit<BackendRef, 'weight'> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw fieldError('backendRef', 'backendRef must be {group?, kind?, namespace?, name, port?}');
  }
  const { group, kind, namespace, name, port, filters } = value as Record<string, unknown>;
  const nameProblem = objectNameProblem(name);
  if (nameProblem) throw fieldError('backendRef.name', `backendRef.name: ${nameProblem}`);
  if (group === 'core') {
    // The CRD's pattern takes "core", but the core group is "": no controller reads it as a Service.
    throw fieldError(
      'backendRef.group',
      'backendRef.group "core" is not the core group: leave it out or write ""',
    );
  }
  if (group !== undefined && (typeof group !== 'string' || group.length > 253 || !GROUP.test(group))) {
    throw fieldError(
      'backendRef.group',
      `backendRef.group must be an API group ("" for core), got ${JSON.stringify(group)}`,
    );
  }
  if (kind !== undefined && (typeof kind !== 'string' || kind.length > 63 || !KIND.test(kind))) {
    throw fieldError(
      'backendRef.kind',
      `backendRef.kind must be a kind such as Service, got ${JSON.stringify(kind)}`,
    );
  }
  const namespaceProblem = namespace === undefined ? undefined : namespaceNameProblem(namespace);
  if (namespaceProblem) throw fieldError('backendRef.namespace', `backendRef.namespace: ${namespaceProblem}`);
  if (port !== undefined && (!Number.isInteger(port) || (port as number) < 1 || (port as number) > 65535)) {
    throw fieldError(
      'backendRef.port',
      `backendRef.port must be a port from 1 to 65535, got ${JSON.stringify(port)}`,
    );
  }
  // Istio refuses a namespace on its Hostname backends (pilot/pkg/config/kube/gateway/conversion.go,
  // buildDestination: "namespace may not be set with Hostname type").
  if (group === 'networking.istio.io' && kind === 'Hostname' && namespace !== undefined) {
    throw fieldError(
      'backendRef.namespace',
      'backendRef.namespace may not be set on an Istio Hostname backend',
    );
  }
  const service = (group ?? '') === '' && (kind ?? 'Service') === 'Service';
  if (service && port === undefined) {
    throw fieldError('backendRef.port', 'backendRef.port is required for a Service backend');
  }
  // A Service's name is a DNS-1035 label (no dots, a letter first): a dotted one names no Service.
  if (service && !DNS_1035.test(name as string)) {
    throw fieldError(
      'backendRef.name',
      `backendRef.name must be a Service name (lower case letters, digits and '-', a letter first, at most 63), got ${JSON.stringify(name)}`,
    );
  }
  // Istio refuses a Hostname backend without a port (pilot/pkg/config/kube/gateway/conversion.go,
  // buildDestination: "port is required in backendRef").
  if (group === 'networking.istio.io' && kind === 'Hostname' && port === undefined) {
    throw fieldError('backendRef.port', 'backendRef.port is required for an Istio Hostname backend');
  }
  return {
    ...(group !== undefined && { group: group as string }),
    ...(kind !== undefined && { kind: kind as string }),
    ...(namespace !== undefined && { namespace: namespace as string }),
    name: name as string,
    ...(port !== undefined && { port: port as number }),
    ...(filters !== undefined && { filters: checkFilters(filters, routeKind) }),
  };
}

/**
 * The filter types a backendRef of each route kind takes (the Gateway API CRDs, v1.6: URLRewrite
 * included). Istio itself applies only the two header modifiers there and marks the route
 * invalid for any other ("unsupported filter type", conversion.go buildHTTPDestination); these
 * are taken so that an undo puts back what the cluster had, not judged here.
 */
const FILTER_TYPES: Record<string, Record<string, string>> = {
  HTTPRoute: {
    RequestHeaderModifier: 'requestHeaderModifier',
    ResponseHeaderModifier: 'responseHeaderModifier',
    RequestMirror: 'requestMirror',
    RequestRedirect: 'requestRedirect',
    URLRewrite: 'urlRewrite',
    ExtensionRef: 'extensionRef',
    CORS: 'cors',
  },
  GRPCRoute: {
    RequestHeaderModifier: 'requestHeaderModifier',
    ResponseHeaderModifier: 'responseHeaderModifier',
    RequestMirror: 'requestMirror',
    ExtensionRef: 'extensionRef',
  },
};

/**
 * A backendRef's own filters, each rebuilt from `type` and the one field that type reads: a
 * TCPRoute's or TLSRoute's backendRef has none, an unknown type or field is refused, naming it.
 */
function checkFilters(filters: unknown, routeKind: string): NonNullable<BackendRef['filters']> {
  const types = FILTER_TYPES[routeKind];
  if (!types)
    throw fieldError('backendRef.filters', `backendRef.filters: a ${routeKind}'s backendRef has no filters`);
  if (!Array.isArray(filters) || filters.length > 16) {
    throw fieldError('backendRef.filters', 'backendRef.filters must be a list of at most 16 filters');
  }
  return filters.map((filter: unknown, i) => {
    const at = `backendRef.filters[${i}]`;
    if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) {
      throw fieldError(at, `${at} must be a filter {type, …}`);
    }
    const { type, ...rest } = filter as Record<string, unknown>;
    const field = typeof type === 'string' && Object.hasOwn(types, type) ? types[type] : undefined;
    if (!field) {
      throw fieldError(
        `${at}.type`,
        `${at}.type must be one of ${Object.keys(types).join(', ')} on a ${routeKind}, got ${JSON.stringify(type)}`,
      );
    }
    for (const key of Object.keys(rest)) {
      if (key !== field) throw fieldError(`${at}.${key}`, `${at}.${key} is not a field of a ${type} filter`);
    }
    const value = rest[field];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw fieldError(`${at}.${field}`, `${at}.${field} is required for a ${type} filter`);
    }
    return { type, [field]: value } as NonNullable<BackendRef['filters']>[number];
  });
}
