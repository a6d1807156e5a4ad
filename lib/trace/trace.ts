import { gatewaysBehind } from '../graph/attach-egress';
import { type GatewayApiIndex, indexGatewayApi } from '../graph/gateway-api/gateway-api-index';
import { indexSnapshot, type MeshIndex, namespaceOf } from '../graph/index-snapshot';
import type { MeshSnapshot, ObjectRef } from '../mesh/types';
import { virtualServicesFor } from './config-order';
import { emptyResult, end, finishHttp, finishL4 } from './finish';
import { traceKubernetesGateway } from './gateway-api/gateway-entry';
import { gammaRoutesFor, traceMeshGatewayApi } from './gateway-api/mesh-entry';
import { gatewayProxy, type ServerSite, serverForSni, serversOnPort } from './gateway-servers';
import type { MatchSite } from './http-match';
import { type L4Choice, pickTcpRoute, pickTlsRoute } from './l4-routes';
import { hostOf, normalizeRequest, type TraceInput, type TraceRequest } from './request';
import { meshHttp, meshL4 } from './sidecar';
import type { TraceHop, TraceResult } from './types';
import { gatewayVirtualHosts, pickVirtualHost } from './virtual-hosts';

/**
 * Where a request goes, step by step, by Istio's rules: the listener that takes it, the
 * VirtualServices for its host in Istio's order, each route tried and why it did or did not
 * match, what the matching route does, and the destinations with their shares. Pure: the same
 * snapshot and input always give the same answer.
 */
export function traceRequest(
  snapshot: MeshSnapshot | MeshIndex,
  input: TraceInput,
  gatewayApiIndex?: GatewayApiIndex,
): TraceResult {
  const index = 'objects' in snapshot ? indexSnapshot(snapshot) : snapshot;
  // Gateway API objects: read from the snapshot, or given beside a prebuilt index.
  const gatewayApi = gatewayApiIndex ?? ('objects' in snapshot ? indexGatewayApi(snapshot) : undefined);
  const request = normalizeRequest(input.request);
  if (input.entry.kind === 'kubernetes-gateway') {
    const objects = gatewayApi ?? indexGatewayApi({ objects: {} } as unknown as MeshSnapshot);
    return traceKubernetesGateway(index, objects, input.entry, request);
  }
  if (input.entry.kind === 'mesh') {
    const entry = {
      kind: 'mesh' as const,
      namespace: input.entry.namespace,
      labels: input.entry.labels ?? {},
    };
    if (request.protocol !== 'http') return throughGateways(index, meshL4(index, entry, request));
    // GAMMA: HTTPRoutes bound to the Service called answer before Istio's own routing.
    const gamma = gatewayApi && gammaRoutesFor(index, gatewayApi, entry.namespace, request);
    return throughGateways(
      index,
      gamma ? traceMeshGatewayApi(index, entry, request, gamma) : meshHttp(index, entry, request),
    );
  }
  return throughGateways(index, traceGateway(index, input.entry, request));
}

/** The most gateways one trace goes on through: a longer chain is cut there, and said to be. */
const MAX_HOPS = 4;

/**
 * A gateway is a hop: when the route sends every request to a gateway's own Service (the
 * egress gateway of Istio's task), the request goes on from that gateway's listener on the
 * destination's port, with the same host and SNI, through the routes bound to it, to the
 * external host. The legs' steps are joined; outcome and destinations are the last leg's.
 */
function throughGateways(index: MeshIndex, first: TraceResult): TraceResult {
  let result = first;
  const hops: TraceHop[] = [];
  const problems = [...first.problems];
  const seen = new Set<string>();
  for (;;) {
    const [only] = result.destinations;
    if (result.outcome.kind !== 'routed' || result.destinations.length !== 1 || !only) break;
    const [gateway, ...others] = gatewaysBehind(index, only.fqdn);
    if (!gateway) break;
    const key = `${namespaceOf(gateway)}/${gateway.metadata.name}/${only.port}`;
    if (seen.has(key) || hops.length >= MAX_HOPS) {
      const name = `${namespaceOf(gateway)}/${gateway.metadata.name}`;
      result.steps.push({
        kind: 'hop',
        ok: false,
        text: seen.has(key)
          ? `${only.fqdn} leads back to Gateway ${name}, already passed: a loop`
          : `${only.fqdn} is the Service of Gateway ${name}, one gateway more: the trace follows at most ${MAX_HOPS} gateways, and stops here`,
      });
      break;
    }
    seen.add(key);
    const ref = { kind: 'Gateway' as const, namespace: namespaceOf(gateway), name: gateway.metadata.name };
    result.steps.push({
      kind: 'hop',
      ok: true,
      text: `${only.fqdn} is the Service of Gateway ${ref.namespace}/${ref.name}${
        others.length > 0 ? ` (and ${others.length} more on the same pods)` : ''
      }: the request goes on through that gateway, port ${only.port}`,
      ref,
    });
    const next = traceGateway(index, ref, { ...result.request, port: only.port });
    hops.push({
      gateway: ref,
      via: { fqdn: only.fqdn, port: only.port, ...(only.subset && { subset: only.subset }) },
      ...(next.server && { server: next.server }),
    });
    problems.push(...next.problems);
    result = { ...next, request: first.request, entry: first.entry, steps: [...result.steps, ...next.steps] };
  }
  if (hops.length === 0) return first;
  return { ...result, hops, problems };
}

function traceGateway(
  index: MeshIndex,
  entry: { namespace: string; name: string },
  request: TraceRequest,
): TraceResult {
  const ref: ObjectRef = { kind: 'Gateway', namespace: entry.namespace, name: entry.name };
  const result = emptyResult(request, { kind: 'gateway', gateway: ref, proxyNamespace: entry.namespace });
  const gateway = index.gatewayByName.get(`${entry.namespace}/${entry.name}`);
  if (!gateway)
    return end(result, { kind: 'no-listener', why: `there is no Gateway ${entry.namespace}/${entry.name}` });
  const proxy = gatewayProxy(index, gateway);
  result.entry = { kind: 'gateway', gateway: ref, proxyNamespace: proxy.namespace };
  result.steps.push({
    kind: 'entry',
    ok: true,
    text: `Enters through Gateway ${entry.namespace}/${entry.name} (its pods: ${describeLabels(proxy.labels)} in ${proxy.namespace}) on port ${request.port}`,
    ref,
  });
  const servers = serversOnPort(index, proxy.labels, request.port);
  if (servers.length === 0)
    return end(result, {
      kind: 'no-listener',
      why: `no server of the gateway's Gateways listens on port ${request.port}: the connection is refused`,
    });
  const mode = servers[0]?.mode ?? 'http';
  const site: Omit<MatchSite, 'gateway'> = {
    port: request.port,
    proxyLabels: proxy.labels,
    proxyNamespace: proxy.namespace,
    scheme: mode === 'https' ? 'https' : 'http',
  };
  if (mode === 'tls-passthrough' || mode === 'tcp')
    return gatewayL4(index, result, servers, site, request, mode);
  // Istio gives a port one protocol, its first Gateway's (config order); an HTTP listener's
  // connection manager cannot read a connection that does not speak HTTP.
  if (request.protocol !== 'http') {
    const first = servers[0] as ServerSite;
    return end(result, {
      kind: 'closed',
      why: `port ${request.port} serves ${first.protocol} (Gateway ${first.gatewayName}, server ${first.index + 1}): a ${request.protocol.toUpperCase()} connection that does not speak HTTP is closed`,
    });
  }
  let inScope = servers.filter((s) => s.mode === mode);
  if (mode === 'https') {
    const sni = request.sni ?? hostOf(request.authority);
    const server = serverForSni(inScope, sni);
    if (!server)
      return end(result, {
        kind: 'closed',
        why: `no HTTPS server on port ${request.port} offers the name ${sni || '(no SNI)'}: the TLS handshake fails`,
      });
    inScope = [server];
  }
  const first = inScope[0] as ServerSite;
  result.server = serverOf(first);
  result.steps.push({
    kind: 'listener',
    ok: true,
    text: `${mode === 'https' ? 'HTTPS (TLS ended at the gateway)' : 'HTTP'} listener on port ${request.port}: ${inScope
      .map((s) => `${s.gatewayName} server ${s.index} (${s.hosts.join(', ')})`)
      .join('; ')}`,
    ref: { kind: 'Gateway', namespace: namespaceOf(first.gateway), name: first.gateway.metadata.name },
  });
  const hosts = gatewayVirtualHosts(index, inScope, proxy.namespace, site);
  const host = hostOf(request.authority);
  const chosen = pickVirtualHost(hosts, host);
  if (!chosen) {
    const why =
      hosts.length === 0
        ? 'no VirtualService binds a host of this listener: Envoy answers 404 to everything'
        : `no VirtualService on this listener serves ${host || '(no host)'} (hosts: ${hosts.map((h) => h.domain).join(', ')}): Envoy answers 404`;
    return end(result, { kind: 'not-found', status: 404, why });
  }
  result.virtualHost = chosen.domain;
  result.candidates = chosen.candidates;
  result.skipped = chosen.skipped;
  result.steps.push({
    kind: 'host',
    ok: true,
    text: `Host ${host} is served by the virtual host ${chosen.domain}`,
  });
  if (chosen.requireTls && site.scheme === 'http') {
    const location = `https://${request.authority}${request.path}`;
    return end(result, { kind: 'https-redirect', status: 301, location });
  }
  return finishHttp(index, result, chosen.routes, request, { ...site, gateway: first.gatewayName });
}

function gatewayL4(
  index: MeshIndex,
  result: TraceResult,
  servers: readonly ServerSite[],
  site: Omit<MatchSite, 'gateway'>,
  request: TraceRequest,
  mode: 'tls-passthrough' | 'tcp',
): TraceResult {
  const inScope = servers.filter((s) => s.mode === mode);
  const first = inScope[0] as ServerSite;
  result.server = serverOf(first);
  const sni = request.sni ?? hostOf(request.authority);
  result.steps.push({
    kind: 'listener',
    ok: true,
    text: `${mode === 'tcp' ? 'TCP' : 'TLS passthrough'} listener on port ${request.port}: ${inScope
      .map((s) => `${s.gatewayName} server ${s.index} (${s.hosts.join(', ')})`)
      .join('; ')}`,
  });
  let choice: L4Choice | undefined;
  for (const server of inScope) {
    const vses = virtualServicesFor(index, server.gatewayName, site.proxyNamespace);
    const matchSite = { ...site, gateway: server.gatewayName };
    choice =
      mode === 'tcp'
        ? pickTcpRoute(vses, matchSite, result.tried)
        : pickTlsRoute(vses, matchSite, sni, result.tried);
    if (choice) break;
  }
  return finishL4(
    index,
    result,
    choice,
    request,
    mode === 'tcp'
      ? 'no TCP route of a VirtualService bound to this gateway fits: the connection is closed'
      : `no TLS route names ${sni}: the connection is closed`,
  );
}

function serverOf(site: ServerSite): NonNullable<TraceResult['server']> {
  return {
    gateway: { kind: 'Gateway', namespace: namespaceOf(site.gateway), name: site.gateway.metadata.name },
    index: site.index,
    port: site.port,
    protocol: site.protocol,
    hosts: site.hosts,
  };
}

function describeLabels(labels: Record<string, string>): string {
  const text = Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return text || 'any labels';
}
