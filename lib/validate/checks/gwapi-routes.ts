import type { GatewayRoute, KubernetesGateway } from '../../mesh/gateway-api-types';
import {
  backendTarget,
  isGatewayParent,
  isServiceKey,
  isServiceRef,
  listenerAllows,
  parentTarget,
  referenceGranted,
  serviceFqdn,
  sharedHostnames,
} from '../../mesh/resolve';
import type { Check } from '../check';
import type { ValidationContext } from '../context';
import { list, namespaceOf, record } from '../walk';

/**
 * The Gateway API's reference rules for routes, as the spec has controllers report them in
 * the route's status: a backendRef to a Service that is not there or lacks the port
 * (ResolvedRefs BackendNotFound), in another namespace without a ReferenceGrant that allows it
 * (RefNotPermitted) — its share of requests gets 500 —, a parentRef to a Gateway or listener that is not there (NoMatchingParent), and
 * hostnames that meet no listener's (NoMatchingListenerHostname).
 */
export const gwapiRoutes: Check = {
  name: 'gwapi-routes',
  codes: [
    'GWAPI_BACKEND_NOT_FOUND',
    'GWAPI_BACKEND_PORT_NOT_FOUND',
    'GWAPI_REFERENCE_NOT_PERMITTED',
    'GWAPI_PARENT_NOT_FOUND',
    'GWAPI_ROUTE_NOT_ALLOWED',
    'GWAPI_HOSTNAME_NO_LISTENER',
  ],
  run(context, { each, emit }) {
    each(context.gatewayRoutes, (route) => {
      const namespace = namespaceOf(route);
      list(route.spec.rules).forEach((rule, ruleIndex) => {
        const backends = list(rule.backendRefs);
        backends.forEach((backend, i) => {
          const path = `spec.rules[${ruleIndex}].backendRefs[${i}]`;
          const target = backendTarget(record(backend), namespace);
          if (!isServiceRef(target) || !target.name) return;
          // A namespace the snapshot holds nothing of (hidden from this person, outside
          // WEIR_NAMESPACES) may hold the grant: "none allows it" cannot be said there.
          if (
            target.namespace !== namespace &&
            context.knownNamespaces.has(target.namespace) &&
            !referenceGranted(context.referenceGrants, { kind: route.kind, namespace }, target)
          ) {
            emit(
              'GWAPI_REFERENCE_NOT_PERMITTED',
              route,
              path,
              `Service ${target.namespace}/${target.name} is in another namespace and no ReferenceGrant there allows ${route.kind}s from ${namespace} to it: its share of requests gets 500.`,
            );
            return;
          }
          // A name with a dot is no lookup at all: istiod refuses the whole route (GWAPI_BACKEND_NAME_IS_HOSTNAME).
          if (target.name.includes('.')) return;
          if (!isServiceKey(target.name, target.namespace)) {
            // Istio looks up the exact namespace/name: a host name's case-blindness does not apply.
            emit(
              'GWAPI_BACKEND_NOT_FOUND',
              route,
              `${path}.name`,
              `No Service can be named ${target.namespace}/${target.name} (a Service's name is a lower-case DNS-1035 label; Istio looks it up exactly as written): its share of requests gets 500.`,
            );
            return;
          }
          const resolved = context.resolveHost(serviceFqdn(target.name, target.namespace), target.namespace);
          if (!resolved.service) {
            if (!context.canJudgeService(resolved, route, `${path}.name`)) return;
            emit(
              'GWAPI_BACKEND_NOT_FOUND',
              route,
              `${path}.name`,
              `Service ${target.namespace}/${target.name} does not exist: its share of requests gets 500.`,
            );
            return;
          }
          const ports = context.hostPorts(resolved);
          if (target.port !== undefined && ports.length > 0 && !ports.includes(target.port)) {
            emit(
              'GWAPI_BACKEND_PORT_NOT_FOUND',
              route,
              `${path}.port`,
              `Service ${target.namespace}/${target.name} has no port ${target.port} (it exposes ${ports.join(', ')}).`,
            );
          }
        });
      });
      checkParents(context, route, emit);
    });
  },
};

function checkParents(
  context: ValidationContext,
  route: GatewayRoute,
  emit: Parameters<Check['run']>[1]['emit'],
) {
  const namespace = namespaceOf(route);
  const hostnames = 'hostnames' in route.spec ? list(route.spec.hostnames).map((h) => h.toLowerCase()) : [];
  list(route.spec.parentRefs).forEach((value, i) => {
    const parent = parentTarget(record(value), namespace);
    if (!isGatewayParent(parent)) return;
    const path = `spec.parentRefs[${i}]`;
    // A shared Gateway in a namespace the snapshot holds nothing of (hidden from this person,
    // outside WEIR_NAMESPACES) is not missing: it is unseen.
    if (parent.namespace !== namespace && !context.knownNamespaces.has(parent.namespace)) return;
    const gateway = context.kubeGateways.get(`${parent.namespace}/${parent.name}`);
    const listeners = list(gateway?.spec.listeners);
    const named = listeners.filter(
      (l) =>
        (parent.sectionName === undefined || l.name === parent.sectionName) &&
        (parent.port === undefined || l.port === parent.port),
    );
    if (!gateway || named.length === 0) {
      const what = !gateway
        ? `Gateway ${parent.namespace}/${parent.name} does not exist`
        : `Gateway ${parent.namespace}/${parent.name} has no listener${parent.sectionName ? ` named ${parent.sectionName}` : ''}${parent.port !== undefined ? ` on port ${parent.port}` : ''}`;
      emit('GWAPI_PARENT_NOT_FOUND', route, path, `${what}: the route is attached nowhere through it.`);
      return;
    }
    const allowing = named.filter((l) =>
      listenerAllows(
        l,
        parent.namespace,
        route.kind,
        namespace,
        (ns) => context.namespaces.get(ns)?.metadata.labels,
      ),
    );
    if (allowing.length === 0) {
      // A Selector Weir cannot judge (matchExpressions, or the route's Namespace not held) is
      // not reported: the listener may well take the route.
      if (named.some((l) => !selectorJudgeable(context, l, namespace))) return;
      emit(
        'GWAPI_ROUTE_NOT_ALLOWED',
        route,
        path,
        `No listener of Gateway ${parent.namespace}/${parent.name} it names lets a ${route.kind} from namespace ${namespace} attach (${named.map((l) => `${l.name}: ${allowedText(l, parent.namespace)}`).join('; ')}): it is not attached there, and its requests through that Gateway get 404.`,
      );
      return;
    }
    if (route.kind === 'TCPRoute' || hostnames.length === 0) return;
    const meets = allowing.some((l) => sharedHostnames(l.hostname, hostnames).length > 0);
    if (!meets) {
      emit(
        'GWAPI_HOSTNAME_NO_LISTENER',
        route,
        `spec.hostnames`,
        `No hostname of the route (${hostnames.join(', ')}) meets a listener hostname of Gateway ${parent.namespace}/${parent.name} (${allowing.map((l) => l.hostname ?? '*').join(', ')}): it is not attached there.`,
      );
    }
  });
}

type ListenerOf = NonNullable<KubernetesGateway['spec']['listeners']>[number];

/** Whether Weir can tell if the listener's namespace selector takes routes of `routeNamespace`. */
function selectorJudgeable(
  context: ValidationContext,
  listener: ListenerOf,
  routeNamespace: string,
): boolean {
  const namespaces = listener.allowedRoutes?.namespaces;
  if (namespaces?.from !== 'Selector') return true;
  if (list(namespaces.selector?.matchExpressions).length > 0) return false;
  return context.namespaces.has(routeNamespace);
}

/** What a listener's allowedRoutes admit, in words: `routes from the same namespace (shop), kinds HTTPRoute, GRPCRoute`. */
function allowedText(listener: ListenerOf, gatewayNamespace: string): string {
  const from = listener.allowedRoutes?.namespaces?.from ?? 'Same';
  const where =
    from === 'Same'
      ? `routes from the same namespace (${gatewayNamespace})`
      : from === 'Selector'
        ? 'routes from namespaces its selector matches'
        : from === 'All'
          ? 'routes from all namespaces'
          : `routes from ${from}`;
  const kinds = list(listener.allowedRoutes?.kinds).map((k) => k.kind);
  return `${where}, ${kinds.length > 0 ? `kinds ${kinds.join(', ')}` : `the kinds of ${listener.protocol}`}`;
}

/**
 * A rule whose backendRefs all have weight 0: no backend takes the requests it matches (the
 * spec: weight 0 forwards nothing). The one Gateway API rule that reads weights, apart so that a
 * canary step re-runs it alone (lib/validate/weights-only.ts).
 */
export const gwapiWeights: Check = {
  name: 'gwapi-weights',
  codes: ['GWAPI_WEIGHTS_ZERO'],
  run(context, { each, emit }) {
    each(context.gatewayRoutes, (route) => {
      list(route.spec.rules).forEach((rule, ruleIndex) => {
        const backends = list(rule.backendRefs);
        if (backends.length > 0 && backends.every((backend) => backend.weight === 0)) {
          emit(
            'GWAPI_WEIGHTS_ZERO',
            route,
            `spec.rules[${ruleIndex}]`,
            `Every backendRef of rules[${ruleIndex}] has weight 0: no backend takes the requests it matches.`,
          );
        }
      });
    });
  },
};
