import { type MeshIndex, namespaceOf } from '../../lib/graph/index-snapshot';
import { labels, list, num, record, strings } from '../../lib/graph/read';
import { MESH_GATEWAY, resolveHost, selects } from '../../lib/mesh/resolve';
import type { Pod } from '../../lib/mesh/types';
import { ownerOf } from '../../lib/trace/destinations';
import type { TraceInput } from '../../lib/trace/request';
import { istioWorkload } from '../../lib/traffic/istio-labels';

/** One stream of synthetic requests: where it enters and what it asks for. */
export interface Flow {
  /** `shop/catalog`: the VirtualService whose host it asks for (for the source labels). */
  name: string;
  /** The client's workload as Istio names it (a gateway's proxy, or a sidecar's workload). */
  sourceWorkload: string;
  sourceNamespace: string;
  input: TraceInput;
}

/**
 * The requests a sidecar would see for each VirtualService: one client in the VirtualService's
 * namespace asking for each of its (non-wildcard) hosts on the Service's first port — through
 * its first gateway when the VirtualService is not bound to the mesh — with path `/` and each
 * path its routes match by prefix or exactly. TCP-only
 * VirtualServices get a TCP flow.
 */
export function flowsOf(index: MeshIndex): Flow[] {
  const flows: Flow[] = [];
  for (const vs of index.virtualServices) {
    const namespace = namespaceOf(vs);
    const spec = record(vs.spec);
    const gateways = strings(spec.gateways);
    const mesh = gateways.length === 0 || gateways.includes(MESH_GATEWAY);
    const tcp = list(spec.http).length === 0 && list(spec.tcp).length > 0;
    const paths = tcp ? [''] : pathsOf(spec.http);
    for (const host of strings(spec.hosts)) {
      if (host.includes('*')) continue;
      for (const path of paths) {
        const fqdn = resolveHost(host, namespace, index.namespaces);
        const owner = ownerOf(index, fqdn);
        const firstPort = record(list(owner?.spec.ports)[0]);
        const port = num(firstPort.port) ?? num(firstPort.number) ?? 80;
        const name = `${namespace}/${vs.metadata.name}${path === '/' || path === '' ? '' : path}`;
        if (mesh) {
          flows.push({
            name,
            sourceWorkload: 'traffic-client',
            sourceNamespace: namespace,
            input: {
              entry: { kind: 'mesh', namespace },
              // A TCP connection has no :authority, but the sidecar picks its route by the
              // host it dialled: without it the trace passed every connection through.
              request: tcp ? { protocol: 'tcp', port, authority: host } : { port, authority: host, path },
            },
          });
        } else {
          const [gatewayNamespace, gatewayName] = gatewayRef(gateways[0] ?? '', namespace);
          const proxy = proxyOf(index, gatewayNamespace, gatewayName);
          flows.push({
            name,
            sourceWorkload: proxy ? istioWorkload(proxy) : 'istio-ingressgateway',
            sourceNamespace: proxy ? namespaceOf(proxy) : gatewayNamespace,
            input: {
              entry: { kind: 'gateway', namespace: gatewayNamespace, name: gatewayName },
              request: { port: 80, authority: host, path },
            },
          });
        }
      }
    }
  }
  return flows;
}

// `/` and each path a route matches by prefix or exactly, so that every such route gets requests.
function pathsOf(http: unknown): string[] {
  const paths = new Set(['/']);
  for (const route of list(http))
    for (const match of list(record(route).match)) {
      const uri = record(record(match).uri);
      const path =
        typeof uri.exact === 'string' ? uri.exact : typeof uri.prefix === 'string' ? uri.prefix : undefined;
      if (path?.startsWith('/') && /^\/[^\s#\p{Cc}]*$/u.test(path)) paths.add(path);
    }
  return [...paths];
}

// The first pod the Gateway's selector picks: the proxy that sends its requests.
function proxyOf(index: MeshIndex, namespace: string, name: string): Pod | undefined {
  const gateway = index.gatewayByName.get(`${namespace}/${name}`);
  const selector = labels(gateway?.spec.selector);
  if (Object.keys(selector).length === 0) return undefined;
  return index.pods.find((pod) => selects(selector, pod.metadata.labels));
}

function gatewayRef(written: string, namespace: string): [string, string] {
  const slash = written.indexOf('/');
  return slash < 0 ? [namespace, written] : [written.slice(0, slash), written.slice(slash + 1)];
}
