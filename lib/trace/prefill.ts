import { namespaceOf } from '../graph/index-snapshot';
import { list, num, record, strings, text } from '../graph/read';
import type { GraphNode } from '../graph/types';
import { objectKey } from '../mesh/object-key';
import type { Gateway, MeshSnapshot, VirtualService } from '../mesh/types';
import { boundGateways } from './config-order';
import { prefillGatewayApi } from './gateway-api/prefill';
import type { TraceInput } from './request';

/**
 * A first request to trace from a node ("Trace from here"): a gateway's first server and
 * host; a VirtualService's first gateway (else the mesh, from its own namespace) and host; a
 * route's as well, with the path and headers its first match asks for.
 */
export function prefillFrom(snapshot: MeshSnapshot, node: GraphNode): TraceInput | undefined {
  const object = node.ref ? snapshot.objects[objectKey(node.ref)] : undefined;
  if (object?.kind === 'Gateway') return fromGateway(object);
  if (object?.kind === 'KubernetesGateway' || object?.kind === 'HTTPRoute' || object?.kind === 'GRPCRoute') {
    const rule = /^spec\.rules\[(\d+)\]$/.exec(node.path ?? '')?.[1];
    return prefillGatewayApi(
      snapshot,
      object,
      node.kind === 'route' && rule !== undefined ? Number(rule) : undefined,
    );
  }
  if (object?.kind !== 'VirtualService') return undefined;
  const input = fromVirtualService(snapshot, object);
  const index = /^spec\.http\[(\d+)\]$/.exec(node.path ?? '')?.[1];
  if (node.kind !== 'route' || index === undefined) return input;
  const match = record(list(record(list(object.spec.http)[Number(index)]).match)[0]);
  const uri = record(match.uri);
  const path = text(uri.exact) ?? text(uri.prefix);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(record(match.headers))) {
    const exact = text(record(value).exact) ?? text(record(value).prefix);
    if (exact !== undefined && /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) headers[name] = exact;
  }
  return {
    ...input,
    request: {
      ...input.request,
      ...(path?.startsWith('/') && { path }),
      ...(Object.keys(headers).length > 0 && { headers }),
    },
  };
}

function fromGateway(gateway: Gateway): TraceInput {
  const server = record(list(gateway.spec.servers)[0]);
  const port = num(record(server.port).number) ?? 80;
  return {
    entry: { kind: 'gateway', namespace: namespaceOf(gateway), name: gateway.metadata.name },
    request: { port, authority: concrete(strings(server.hosts)[0] ?? 'example.com'), path: '/' },
  };
}

function fromVirtualService(snapshot: MeshSnapshot, vs: VirtualService): TraceInput {
  const host = concrete(strings(vs.spec.hosts)[0] ?? 'example.com');
  const gateway = boundGateways(vs).find((g) => g !== 'mesh');
  const object = gateway ? snapshot.objects[`Gateway/${gateway}`] : undefined;
  if (object?.kind === 'Gateway') {
    const base = fromGateway(object);
    return { ...base, request: { ...base.request, authority: host } };
  }
  const service = snapshot.objects[`Service/${namespaceOf(vs)}/${host.split('.')[0]}`];
  const port = service?.kind === 'Service' ? (num(record(list(service.spec.ports)[0]).port) ?? 80) : 80;
  return {
    entry: { kind: 'mesh', namespace: namespaceOf(vs) },
    request: { port, authority: host, path: '/' },
  };
}

// A request names one host: `*.example.com` becomes `www.example.com`.
function concrete(written: string): string {
  const host = written.slice(written.indexOf('/') + 1);
  if (host === '*') return 'example.com';
  return host.startsWith('*.') ? `www${host.slice(1)}` : host;
}
