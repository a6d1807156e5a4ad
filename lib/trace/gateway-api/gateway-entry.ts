import type { GatewayApiIndex } from '../../graph/gateway-api/gateway-api-index';
import type { MeshIndex } from '../../graph/index-snapshot';
import { list, num, record, text } from '../../graph/read';
import type { GatewayRoute, Listener } from '../../mesh/gateway-api-types';
import {
  attachedListeners,
  isGatewayParent,
  parentTarget,
  type RouteRefusal,
  referenceGranted,
  refusedRoute,
  sharedHostnames,
} from '../../mesh/resolve';
import type { ObjectRef } from '../../mesh/types';
import { emptyResult, end } from '../finish';
import { memo } from '../index-memo';
import { hostOf, type TraceRequest } from '../request';
import type { TraceResult } from '../types';
import { answerWithRoutes, candidatesOf, type RouteCandidates } from './answer-rules';
import { pickHostname } from './precedence';

/**
 * A request through a Gateway API Gateway: the listener on its port (for HTTPS, the one whose
 * hostname the SNI names), the routes attached to it (parentRef, sectionName, port,
 * allowedRoutes, shared hostnames), the most specific hostname of theirs that covers the
 * request's host, and then their rules in the spec's order.
 */
export function traceKubernetesGateway(
  index: MeshIndex,
  gatewayApi: GatewayApiIndex,
  entry: { namespace: string; name: string },
  request: TraceRequest,
): TraceResult {
  const ref: ObjectRef = { kind: 'KubernetesGateway', namespace: entry.namespace, name: entry.name };
  const result = emptyResult(request, { kind: 'kubernetes-gateway', gateway: ref });
  const gateway = gatewayApi.gatewayByName.get(`${entry.namespace}/${entry.name}`);
  if (!gateway)
    return end(result, {
      kind: 'no-listener',
      why: `there is no Gateway API Gateway ${entry.namespace}/${entry.name}`,
    });
  result.steps.push({
    kind: 'entry',
    ok: true,
    text: `Enters through Gateway ${entry.namespace}/${entry.name} (class ${text(gateway.spec.gatewayClassName) ?? 'none'}) on port ${request.port}`,
    ref,
  });
  const listeners = list(gateway.spec.listeners)
    .map((l) => record(l) as unknown as Listener)
    .filter((l) => num(l.port) === request.port);
  if (listeners.length === 0)
    return end(result, {
      kind: 'no-listener',
      why: `no listener of the Gateway is on port ${request.port}: the connection is refused`,
    });
  const http = listeners.filter(
    (l) => l.protocol === 'HTTP' || (l.protocol === 'HTTPS' && (l.tls?.mode ?? 'Terminate') === 'Terminate'),
  );
  if (request.protocol !== 'http' || http.length === 0) {
    const first = listeners[0] as Listener;
    return end(result, {
      kind: 'closed',
      why:
        http.length === 0
          ? `port ${request.port} is a ${first.protocol}${first.tls?.mode ? ` (${first.tls.mode})` : ''} listener (${first.name}): Weir traces HTTP and gRPC through Gateway API listeners, not TCPRoute or TLSRoute yet`
          : `port ${request.port} serves ${first.protocol} (listener ${first.name}): a ${request.protocol.toUpperCase()} connection that does not speak HTTP is closed`,
    });
  }
  const host = hostOf(request.authority);
  let inScope = http;
  const https = http.filter((l) => l.protocol === 'HTTPS');
  if (https.length > 0) {
    // The TLS handshake picks the listener by SNI before any HTTP is read.
    const sni = request.sni ?? host;
    const names = https.map((l) => l.hostname || '*');
    const chosen = pickHostname(names, sni);
    const listener = chosen === undefined ? undefined : https[names.indexOf(chosen)];
    if (!listener)
      return end(result, {
        kind: 'closed',
        why: `no HTTPS listener on port ${request.port} offers the name ${sni || '(no SNI)'}: the TLS handshake fails`,
      });
    inScope = [listener];
  }
  const first = inScope[0] as Listener;
  const scheme = first.protocol === 'HTTPS' ? 'https' : 'http';
  result.gatewayApi = {
    listener: {
      gateway: ref,
      name: first.name,
      port: request.port,
      protocol: first.protocol,
      ...(first.hostname && { hostname: first.hostname }),
    },
    routes: [],
    tried: [],
  };
  result.steps.push({
    kind: 'listener',
    ok: true,
    text: `${scheme === 'https' ? 'HTTPS (TLS ended at the gateway)' : 'HTTP'} listener${inScope.length > 1 ? 's' : ''} on port ${request.port}: ${inScope
      .map((l) => `${l.name} (${l.hostname || 'any host'})`)
      .join('; ')}`,
    ref,
  });
  // The same for every request on these listeners: kept with the index until the next change.
  const { byHostname, refused } = memo(
    gatewayApi,
    `kgw:${entry.namespace}/${entry.name}:${inScope.map((l) => l.name).join(',')}`,
    () => attachedByHostname(gatewayApi, entry, inScope),
  );
  for (const { route, refusal } of refused) {
    result.problems.push(
      `${route.kind} ${route.metadata.namespace ?? ''}/${route.metadata.name} is attached here but not served: ${refusal.reason} at ${refusal.path}, and istiod builds none of its rules (${refusal.code})`,
    );
  }
  const hostname = pickHostname([...byHostname.keys()], host || '*');
  if (hostname === undefined) {
    const names = [...byHostname.keys()];
    return end(result, {
      kind: 'not-found',
      status: 404,
      why:
        names.length === 0
          ? 'no HTTPRoute or GRPCRoute is attached to this listener: the proxy answers 404 to everything'
          : `no route attached here serves ${host || '(no host)'} (hostnames: ${names.join(', ')}): the proxy answers 404`,
    });
  }
  result.gatewayApi.hostname = hostname;
  result.virtualHost = hostname;
  result.steps.push({
    kind: 'host',
    ok: true,
    text: `Host ${host || '(none)'} is served by the routes for ${hostname === '*' ? 'any host' : hostname}${
      byHostname.size > 1
        ? ` (the most specific that covers it; routes here serve ${[...byHostname.keys()].join(', ')})`
        : ''
    }`,
  });
  return answerWithRoutes(index, result, byHostname.get(hostname) ?? candidatesOf([]), request, {
    port: request.port,
    scheme,
  });
}

/** The HTTP and gRPC routes attached to these listeners of the Gateway, by the hostname they answer on there. */
function attachedByHostname(
  gatewayApi: GatewayApiIndex,
  gateway: { namespace: string; name: string },
  listeners: readonly Listener[],
): {
  byHostname: Map<string, RouteCandidates>;
  refused: Array<{ route: GatewayRoute; refusal: RouteRefusal }>;
} {
  const out = new Map<string, GatewayRoute[]>();
  // Attached, but istiod builds nothing of them (routeRefusals says why).
  const refused: Array<{ route: GatewayRoute; refusal: RouteRefusal }> = [];
  for (const route of gatewayApi.routes) {
    if (route.kind !== 'HTTPRoute' && route.kind !== 'GRPCRoute') continue;
    const namespace = route.metadata.namespace ?? '';
    const hostnames = list(record(route.spec).hostnames).filter((h): h is string => typeof h === 'string');
    const names = new Set<string>();
    for (const written of list(record(route.spec).parentRefs)) {
      const parent = parentTarget(record(written), namespace);
      if (!isGatewayParent(parent) || parent.namespace !== gateway.namespace || parent.name !== gateway.name)
        continue;
      const attached = attachedListeners(
        listeners,
        parent,
        { kind: route.kind, namespace, hostnames },
        gatewayApi.namespaceLabels,
      );
      for (const listener of attached)
        for (const name of sharedHostnames(listener.hostname, hostnames)) names.add(name);
    }
    // At a Gateway istiod checks ReferenceGrants before the rest of a backendRef.
    const refusal =
      names.size > 0
        ? refusedRoute(route, (target) =>
            referenceGranted(gatewayApi.grants, { kind: route.kind, namespace }, target),
          )
        : undefined;
    if (refusal) {
      refused.push({ route, refusal });
      continue;
    }
    for (const name of names) out.set(name, [...(out.get(name) ?? []), route]);
  }
  return { byHostname: new Map([...out].map(([name, routes]) => [name, candidatesOf(routes)])), refused };
}
