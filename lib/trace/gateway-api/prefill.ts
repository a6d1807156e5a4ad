import { list, num, record, text } from '../../graph/read';
import { isGatewayParent, isServiceRef, parentTarget } from '../../mesh/resolve';
import type { MeshSnapshot, StoredObject } from '../../mesh/types';
import type { TraceInput } from '../request';

/**
 * "Trace from here" on a Gateway API node: a Gateway's first listener and hostname; a route's
 * first Gateway parent (else, for a GAMMA route, the mesh from its namespace to the Service)
 * and hostname; a rule's as well, with the path, method and headers its first match asks for.
 */
export function prefillGatewayApi(
  snapshot: MeshSnapshot,
  object: StoredObject,
  ruleIndex?: number,
): TraceInput | undefined {
  if (object.kind === 'KubernetesGateway') return fromGateway(object);
  if (object.kind !== 'HTTPRoute' && object.kind !== 'GRPCRoute') return undefined;
  const spec = record(object.spec);
  const namespace = object.metadata.namespace ?? '';
  const parents = list(spec.parentRefs).map((p) => parentTarget(record(p), namespace));
  const host = concrete(text(list(spec.hostnames)[0]));
  let input: TraceInput | undefined;
  const gatewayParent = parents.find(isGatewayParent);
  const gateway =
    gatewayParent && snapshot.objects[`KubernetesGateway/${gatewayParent.namespace}/${gatewayParent.name}`];
  if (gatewayParent && gateway) {
    const base = fromGateway(gateway);
    const listener = record(
      list(record(record(gateway).spec).listeners).find(
        (l) =>
          (gatewayParent.sectionName === undefined || record(l).name === gatewayParent.sectionName) &&
          (gatewayParent.port === undefined || record(l).port === gatewayParent.port),
      ),
    );
    input = {
      ...base,
      request: {
        ...base.request,
        port: num(listener.port) ?? base.request.port,
        ...(host && { authority: host }),
      },
    };
  } else {
    const service = parents.find(isServiceRef);
    if (!service) return undefined;
    input = {
      entry: { kind: 'mesh', namespace },
      request: { port: service.port ?? 80, authority: `${service.name}.${service.namespace}`, path: '/' },
    };
  }
  if (ruleIndex === undefined) return input;
  const match = record(list(record(list(spec.rules)[ruleIndex]).matches)[0]);
  const headers: Record<string, string> = {};
  for (const header of list(match.headers).map(record)) {
    const name = text(header.name);
    if (name && (text(header.type) ?? 'Exact') === 'Exact' && /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name))
      headers[name] = text(header.value) ?? '';
  }
  const path = record(match.path);
  const method = record(match.method);
  const written =
    object.kind === 'GRPCRoute'
      ? text(method.service) && text(method.method)
        ? `/${text(method.service)}/${text(method.method)}`
        : undefined
      : (text(path.type) ?? 'PathPrefix') !== 'RegularExpression'
        ? text(path.value)
        : undefined;
  return {
    ...input,
    request: {
      ...input.request,
      ...(written?.startsWith('/') && { path: written }),
      ...(object.kind === 'GRPCRoute' && { method: 'POST' }),
      ...(object.kind === 'HTTPRoute' && text(match.method) && { method: text(match.method) }),
      ...(Object.keys(headers).length > 0 && { headers }),
    },
  };
}

function fromGateway(gateway: StoredObject): TraceInput {
  const listener = record(list(record(record(gateway).spec).listeners)[0]);
  return {
    entry: {
      kind: 'kubernetes-gateway',
      namespace: gateway.metadata.namespace ?? '',
      name: gateway.metadata.name,
    },
    request: {
      port: num(listener.port) ?? 80,
      authority: concrete(text(listener.hostname)) ?? 'example.com',
      path: '/',
    },
  };
}

// A request names one host: `*.example.com` becomes `www.example.com`.
function concrete(written: string | undefined): string | undefined {
  if (!written || written === '*') return undefined;
  return written.startsWith('*.') ? `www${written.slice(1)}` : written;
}
