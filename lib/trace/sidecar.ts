import type { MeshIndex } from '../graph/index-snapshot';
import { meshOutbound, workloadOutbound } from '../mesh/outbound-policy';
import { MESH_GATEWAY, resolveHost } from '../mesh/resolve';
import type { VirtualService } from '../mesh/types';
import { virtualServicesFor } from './config-order';
import { hasPort, ownerOf, traceDestinations } from './destinations';
import { emptyResult, end, finishHttp, finishL4, routed } from './finish';
import type { MatchSite } from './http-match';
import { memo } from './index-memo';
import { pickTcpRoute, pickTlsRoute } from './l4-routes';
import { hostOf, type TraceRequest } from './request';
import { httpRouteTable, refOf } from './route-table';
import type { TraceResult } from './types';
import { hostsOf, pickVirtualHost } from './virtual-hosts';

type MeshEntry = { kind: 'mesh'; namespace: string; labels: Record<string, string> };

/**
 * A request from a pod inside the mesh, as its sidecar routes it: the VirtualServices bound to
 * `mesh` that the source namespace sees (its own first, then those exported to it, then the
 * public ones), one per host (the first claims a host: Istio drops later duplicates); no
 * VirtualService, the Service's own default route; no Service either, passed through
 * (Istio's default outboundTrafficPolicy ALLOW_ANY).
 */
export function meshHttp(index: MeshIndex, entry: MeshEntry, request: TraceRequest): TraceResult {
  const result = emptyResult(request, entry);
  const host = resolveHost(hostOf(request.authority), entry.namespace, index.namespaces);
  result.steps.push({
    kind: 'entry',
    ok: true,
    text: `Leaves a pod in ${entry.namespace}${Object.keys(entry.labels).length > 0 ? ` (${labelText(entry.labels)})` : ''} for ${host}:${request.port}`,
  });
  const site: MatchSite = {
    port: request.port,
    gateway: MESH_GATEWAY,
    proxyLabels: entry.labels,
    proxyNamespace: entry.namespace,
    scheme: request.scheme ?? 'http',
  };
  // A sidecar has an outbound HTTP listener (and route table) on a port only when some
  // Service or ServiceEntry listens on it; otherwise the request leaves through the
  // passthrough listener, whatever VirtualService names the host.
  if (!listensOn(index, request.port)) return defaultRoute(index, result, host, request);
  const chosen = virtualServiceFor(index, entry.namespace, host, request.port);
  if (!chosen) return defaultRoute(index, result, host, request);
  result.virtualHost = chosen.domain;
  result.candidates = chosen.all.map((vs) => ({ vs: refOf(vs), hosts: hostsOf(vs), via: chosen.domain }));
  result.steps.push({
    kind: 'host',
    ok: true,
    text: `Host ${host} is claimed by ${chosen.vs.metadata.namespace}/${chosen.vs.metadata.name} (domain ${chosen.domain})${
      chosen.all.length > 1 ? `; later VirtualServices for it are ignored by Istio` : ''
    }`,
    ref: refOf(chosen.vs),
  });
  const table = httpRouteTable(index, chosen.vs, site);
  result.skipped = table.skipped;
  return finishHttp(index, result, table.entries, request, site);
}

/** TCP and TLS from inside the mesh: by host and port (TCP) or by SNI (TLS). */
export function meshL4(index: MeshIndex, entry: MeshEntry, request: TraceRequest): TraceResult {
  const result = emptyResult(request, entry);
  const host = resolveHost(hostOf(request.authority), entry.namespace, index.namespaces);
  const site: MatchSite = {
    port: request.port,
    gateway: MESH_GATEWAY,
    proxyLabels: entry.labels,
    proxyNamespace: entry.namespace,
    scheme: 'http',
  };
  result.steps.push({
    kind: 'entry',
    ok: true,
    text: `A ${request.protocol.toUpperCase()} connection leaves a pod in ${entry.namespace} for ${host}:${request.port}`,
  });
  const visible = virtualServicesFor(index, MESH_GATEWAY, entry.namespace);
  if (request.protocol === 'tls') {
    const sni = request.sni ?? host;
    const choice = pickTlsRoute(
      visible.filter((vs) => (vs.spec.tls ?? []).length > 0),
      site,
      sni,
      result.tried,
    );
    if (choice) return finishL4(index, result, choice, request, '');
  } else {
    const chosen = virtualServiceFor(index, entry.namespace, host, request.port, 'tcp');
    const choice = chosen ? pickTcpRoute([chosen.vs], site, result.tried) : undefined;
    if (choice) return finishL4(index, result, choice, request, '');
  }
  return defaultRoute(index, result, host, request);
}

// No VirtualService route: a known Service on that port gets its own default route; anything
// else leaves through the passthrough cluster.
function defaultRoute(
  index: MeshIndex,
  result: TraceResult,
  host: string,
  request: TraceRequest,
): TraceResult {
  const owner = ownerOf(index, host);
  if (owner && hasPort(owner, request.port)) {
    result.steps.push({
      kind: 'host',
      ok: true,
      text: `No VirtualService routes ${host} for this source: the Service's default route takes it`,
    });
    result.destinations = traceDestinations(index, [{ host }], '', request.port);
    return routed(result);
  }
  const policy = outboundPolicyOf(index, result);
  if (policy.mode === 'REGISTRY_ONLY') {
    // Where the mode comes from: a Sidecar without one takes the mesh config's.
    const from =
      policy.source === 'sidecar' && policy.sidecar
        ? `Sidecar ${policy.sidecar.metadata.namespace}/${policy.sidecar.metadata.name}`
        : 'the mesh config';
    const why = `${owner ? `${host} has no port ${request.port}` : `no Service, ServiceEntry or VirtualService names ${host}`}: the outbound policy is REGISTRY_ONLY (${from}), so the sidecar blocks it`;
    // On a port with an HTTP listener istiod's block_all virtual host answers 502; elsewhere
    // the connection goes to the BlackHoleCluster (httpOutboundBlockAll, BlackHoleCluster in
    // pilot/pkg/networking/core).
    if (request.protocol === 'http' && listensOn(index, request.port)) {
      result.steps.push({ kind: 'host', ok: false, text: why });
      return end(result, { kind: 'direct-response', status: 502 });
    }
    return end(result, { kind: 'blackhole', why });
  }
  if (policy.mode === 'unknown') {
    const unrouted = owner
      ? `${host} has no port ${request.port}`
      : `no Service, ServiceEntry or VirtualService names ${host}`;
    return end(result, {
      kind: 'policy-unknown',
      why: `${unrouted}: the sidecar blocks it under REGISTRY_ONLY and passes it through under ALLOW_ANY, and the outbound policy is unknown (${policy.unknown})`,
    });
  }
  return end(result, {
    kind: 'passthrough',
    why: owner
      ? `${host} has no port ${request.port}: the sidecar passes the connection through to the address as it is (PassthroughCluster, outboundTrafficPolicy ALLOW_ANY)`
      : `no Service, ServiceEntry or VirtualService names ${host}: the sidecar passes the connection through (PassthroughCluster, outboundTrafficPolicy ALLOW_ANY)`,
  });
}

// The outbound policy of the calling pod: a Sidecar selecting its labels, else its namespace's.
function outboundPolicyOf(index: MeshIndex, result: TraceResult) {
  const mesh = memo(index, 'outbound-policy', () => meshOutbound(index.outboundPolicy, index.meshConfig));
  const { entry } = result;
  return entry.kind === 'mesh'
    ? workloadOutbound(mesh, entry.namespace, entry.labels)
    : workloadOutbound(mesh, '', {});
}

/**
 * The VirtualService whose domain Envoy picks for `host`: the first (Istio's order) that
 * claims a domain, exact domains before the longest wildcard. A host that is a Service gets a
 * virtual host only on the Service's ports.
 */
function virtualServiceFor(
  index: MeshIndex,
  namespace: string,
  host: string,
  port: number,
  kind: 'http' | 'tcp' = 'http',
): { vs: VirtualService; domain: string; all: VirtualService[] } | undefined {
  const claimed = memo(index, `claimed|${namespace}|${port}|${kind}`, () =>
    claimedDomains(index, namespace, port, kind),
  );
  const picked = pickVirtualHost(
    [...claimed.keys()].map((domain) => ({ domain })),
    host,
  );
  if (!picked) return undefined;
  const all = claimed.get(picked.domain) ?? [];
  const vs = all[0];
  return vs ? { vs, domain: picked.domain, all } : undefined;
}

// Each domain of the VirtualServices a namespace sees on a port, with the VirtualServices
// that name it in Istio's order.
function claimedDomains(
  index: MeshIndex,
  namespace: string,
  port: number,
  kind: 'http' | 'tcp',
): Map<string, VirtualService[]> {
  const claimed = new Map<string, VirtualService[]>();
  for (const vs of virtualServicesFor(index, MESH_GATEWAY, namespace)) {
    if ((vs.spec[kind] ?? []).length === 0) continue;
    for (const domain of hostsOf(vs)) {
      const owner = ownerOf(index, domain);
      if (owner && !hasPort(owner, port)) continue;
      const list = claimed.get(domain) ?? [];
      if (!list.includes(vs)) list.push(vs);
      claimed.set(domain, list);
    }
  }
  return claimed;
}

function listensOn(index: MeshIndex, port: number): boolean {
  return memo(index, `listens|${port}`, () =>
    [...index.services, ...index.serviceEntries].some((owner) => hasPort(owner, port)),
  );
}

function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
