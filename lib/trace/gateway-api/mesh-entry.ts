import type { GatewayApiIndex } from '../../graph/gateway-api/gateway-api-index';
import type { MeshIndex } from '../../graph/index-snapshot';
import { namespaceOf } from '../../graph/index-snapshot';
import { list, record } from '../../graph/read';
import type { GatewayRoute } from '../../mesh/gateway-api-types';
import { isServiceRef, parentTarget, refusedRoute, resolveHost } from '../../mesh/resolve';
import type { ObjectRef, Service } from '../../mesh/types';
import { emptyResult } from '../finish';
import { memo } from '../index-memo';
import { hostOf, type TraceRequest } from '../request';
import type { TraceResult } from '../types';
import { answerWithRoutes, candidatesOf } from './answer-rules';

type MeshEntry = { kind: 'mesh'; namespace: string; labels: Record<string, string> };

/**
 * The GAMMA routes (HTTPRoute or GRPCRoute whose parentRef is a Service) that answer a request
 * from a pod in `namespace` to `host:port`: a consumer route (in the caller's own namespace)
 * takes over for that namespace's callers; otherwise the producer routes (in the Service's
 * namespace) apply to everyone. A parentRef with a port binds only that port. Undefined: no
 * GAMMA route binds the Service, and the sidecar routes as Istio's objects say.
 */
export function gammaRoutesFor(
  index: MeshIndex,
  gatewayApi: GatewayApiIndex,
  namespace: string,
  request: TraceRequest,
): { service: Service; routes: GatewayRoute[]; consumer: boolean } | undefined {
  const fqdn = resolveHost(hostOf(request.authority), namespace, index.namespaces);
  const service = index.serviceByFqdn.get(fqdn);
  if (!service) return undefined;
  const serviceNamespace = namespaceOf(service);
  const bound = gatewayApi.routes.filter((route) => {
    if (route.kind !== 'HTTPRoute' && route.kind !== 'GRPCRoute') return false;
    // istiod builds nothing of a route it refuses (routeRefusals; no ReferenceGrant is checked
    // for a mesh route): the sidecar routes as before.
    if (refusedRoute(route)) return false;
    const routeNamespace = route.metadata.namespace ?? '';
    return list(record(route.spec).parentRefs).some((written) => {
      const parent = parentTarget(record(written), routeNamespace);
      return (
        isServiceRef(parent) &&
        parent.namespace === serviceNamespace &&
        parent.name === service.metadata.name &&
        (parent.port === undefined || parent.port === request.port)
      );
    });
  });
  const consumer = bound.filter(
    (r) => (r.metadata.namespace ?? '') === namespace && namespace !== serviceNamespace,
  );
  if (consumer.length > 0) return { service, routes: consumer, consumer: true };
  const producer = bound.filter((r) => (r.metadata.namespace ?? '') === serviceNamespace);
  return producer.length > 0 ? { service, routes: producer, consumer: false } : undefined;
}

/** A request from inside the mesh answered by the GAMMA routes of the Service it calls. */
export function traceMeshGatewayApi(
  index: MeshIndex,
  entry: MeshEntry,
  request: TraceRequest,
  found: NonNullable<ReturnType<typeof gammaRoutesFor>>,
): TraceResult {
  const result = emptyResult(request, entry);
  const service: ObjectRef = {
    kind: 'Service',
    namespace: namespaceOf(found.service),
    name: found.service.metadata.name,
  };
  result.steps.push({
    kind: 'entry',
    ok: true,
    text: `Leaves a pod in ${entry.namespace} for Service ${service.namespace}/${service.name} port ${request.port}`,
    ref: service,
  });
  result.gatewayApi = { service, routes: [], tried: [] };
  result.steps.push({
    kind: 'host',
    ok: true,
    text: found.consumer
      ? `Routes of ${entry.namespace} bound to the Service (consumer routes: they take over for callers in ${entry.namespace})`
      : `Routes bound to the Service in its own namespace (producer routes: every caller)`,
    ref: service,
  });
  const key = `gamma:${service.namespace}/${service.name}:${found.routes.map((r) => `${r.kind}/${r.metadata.namespace}/${r.metadata.name}`).join(',')}`;
  return answerWithRoutes(
    index,
    result,
    memo(index, key, () => candidatesOf(found.routes)),
    request,
    {
      port: request.port,
      scheme: request.scheme ?? 'http',
    },
  );
}
