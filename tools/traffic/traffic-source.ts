import http from 'node:http';
import { indexSnapshot, type MeshIndex } from '../../lib/graph/index-snapshot';
import type { MeshSnapshot, Pod } from '../../lib/mesh/types';
import { traceRequest } from '../../lib/trace/trace';
import type { TracedDestination, TraceResult } from '../../lib/trace/types';
import { istioVersion, istioWorkload } from '../../lib/traffic/istio-labels';
import { type Flow, flowsOf } from './flows';
import { istioMetrics, type PeerLabels } from './istio-metrics';
import { behaviourOf, DEFAULT_SETTINGS, settingsSchema, type TrafficSettings } from './settings';

export interface TrafficSourceOptions {
  /** The routing as a sidecar sees it now (a store's snapshot: read on every tick). */
  snapshot: () => MeshSnapshot;
  port: number;
  settings?: TrafficSettings;
  /** How often requests are sent, ms (default 100). */
  tickMs?: number;
  random?: () => number;
}

export interface TrafficSource {
  /** Where Prometheus scrapes it: `http://127.0.0.1:<port>` (/metrics). */
  url: string;
  settings(): TrafficSettings;
  setSettings(settings: TrafficSettings): void;
  stop(): Promise<void>;
}

/**
 * A stand-in for the mesh's Envoy sidecars, for tests and demos: sends synthetic requests
 * through Weir's own routing semantics (lib/trace decides where each request goes, weights
 * included), lets each destination answer as the settings say, and counts the outcome in
 * Istio's standard metrics on /metrics. It routes as configured; it does not run Envoy.
 */
export async function startTrafficSource(options: TrafficSourceOptions): Promise<TrafficSource> {
  const metrics = istioMetrics();
  const random = options.random ?? Math.random;
  let settings = options.settings ?? DEFAULT_SETTINGS;
  let plan:
    | { sequence: number; index: MeshIndex; traces: Array<{ flow: Flow; trace: TraceResult }> }
    | undefined;
  const carry = new Map<string, number>();

  const planFor = (snapshot: MeshSnapshot) => {
    if (plan?.sequence === snapshot.sequence) return plan;
    const index = indexSnapshot(snapshot);
    const traces = flowsOf(index).map((flow) => ({ flow, trace: followRedirect(index, flow) }));
    plan = { sequence: snapshot.sequence, index, traces };
    return plan;
  };

  const send = (index: MeshIndex, flow: Flow, trace: TraceResult) => {
    if (trace.outcome.kind !== 'routed' || trace.destinations.length === 0) return;
    const destination = pick(trace.destinations, random());
    const pod = pickPod(index, destination, random());
    const namespace = destination.service?.namespace ?? 'unknown';
    const peer: PeerLabels = {
      reporter: 'source',
      source_workload: flow.sourceWorkload,
      source_workload_namespace: flow.sourceNamespace,
      source_principal: `spiffe://cluster.local/ns/${flow.sourceNamespace}/sa/default`,
      source_app: flow.sourceWorkload,
      source_version: 'unknown',
      source_cluster: 'Kubernetes',
      destination_workload: pod ? istioWorkload(pod) : 'unknown',
      destination_workload_namespace: pod ? namespace : 'unknown',
      destination_principal: pod ? `spiffe://cluster.local/ns/${namespace}/sa/default` : 'unknown',
      destination_app: pod?.metadata.labels?.app ?? 'unknown',
      destination_version: pod ? istioVersion(pod.metadata.labels ?? {}) : 'unknown',
      destination_service: destination.fqdn,
      destination_service_name: destination.service?.name ?? destination.fqdn,
      destination_service_namespace: namespace,
      destination_cluster: 'Kubernetes',
      request_protocol: trace.request.protocol === 'http' ? 'http' : 'tcp',
      response_flags: pod ? '-' : 'UH',
      connection_security_policy: 'unknown',
    };
    const behaviour = behaviourOf(settings, destination.fqdn, peer.destination_version);
    if (trace.request.protocol !== 'http') {
      const bytes = Math.round((500 + random() * 1000) * bytesScale(peer.destination_version));
      for (const reporter of pod ? ['source', 'destination'] : ['source']) {
        const labels = { ...peer, reporter };
        metrics.tcpOpened.inc(labels);
        metrics.tcpClosed.inc(labels);
        metrics.tcpSent.inc(labels, bytes);
        metrics.tcpReceived.inc(labels, Math.round(bytes / 4));
      }
      return;
    }
    const abort = trace.effects?.fault?.abort;
    const aborted = abort?.status !== undefined && random() * 100 < abort.percent;
    const failed = !pod || random() < behaviour.errorRate;
    const code = aborted ? String(abort?.status) : failed ? '503' : '200';
    const flags = aborted ? 'FI' : failed && pod ? (behaviour.responseFlags ?? '-') : peer.response_flags;
    const ms = aborted ? 0 : behaviour.latencyMs * (0.5 + random());
    const reporters = pod && !aborted ? ['source', 'destination'] : ['source'];
    for (const reporter of reporters) {
      const labels = {
        ...peer,
        reporter,
        response_flags: flags,
        response_code: code,
        grpc_response_status: '',
      };
      metrics.requests.inc(labels);
      metrics.duration.observe(labels, ms);
    }
  };

  const tickMs = options.tickMs ?? 100;
  const timer = setInterval(() => {
    const { index, traces } = planFor(options.snapshot());
    for (const { flow, trace } of traces) {
      const due = (carry.get(flow.name) ?? 0) + (settings.requestsPerSecond * tickMs) / 1000;
      const count = Math.floor(due);
      carry.set(flow.name, due - count);
      for (let i = 0; i < count; i++) send(index, flow, trace);
    }
  }, tickMs);

  const server = http.createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
  });
  const handle = async (request: http.IncomingMessage, response: http.ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://local').pathname;
    if (request.method === 'GET' && path === '/metrics') {
      response
        .writeHead(200, { 'content-type': metrics.registry.contentType })
        .end(await metrics.registry.metrics());
    } else if (path === '/settings' && request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(settings));
    } else if (path === '/settings' && request.method === 'PUT') {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      let parsed: ReturnType<typeof settingsSchema.safeParse>;
      try {
        parsed = settingsSchema.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        response.writeHead(400, { 'content-type': 'text/plain' }).end('the body is not JSON');
        return;
      }
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        response
          .writeHead(400, { 'content-type': 'text/plain' })
          .end(`${issue?.path.join('.')}: ${issue?.message}`);
        return;
      }
      settings = parsed.data;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(settings));
    } else
      response.writeHead(404, { 'content-type': 'text/plain' }).end('GET /metrics, GET or PUT /settings');
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${options.port}`,
    settings: () => settings,
    setSettings(next) {
      settings = settingsSchema.parse(next);
    },
    async stop() {
      clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// A version's connections carry more bytes the higher its number (v2 four times v1's), as a
// new version's answers often differ in size: a share of bytes sent then differs from the share
// of connections opened (the unit Envoy's tcp_proxy weighs), and a test can tell which was read.
function bytesScale(version: string): number {
  const n = Number(/\d+/.exec(version)?.[0] ?? 1);
  return Math.min(Math.max(n, 1), 4) ** 2;
}

// A destination by its share of the route (the weights, as Envoy's weighted clusters split).
function pick(destinations: readonly TracedDestination[], roll: number): TracedDestination {
  let left = roll;
  for (const destination of destinations) {
    left -= destination.share;
    if (left < 0) return destination;
  }
  return destinations[destinations.length - 1] as TracedDestination;
}

// A ready pod behind the destination (Envoy balances over ready endpoints only).
function pickPod(index: MeshIndex, destination: TracedDestination, roll: number): Pod | undefined {
  const names = new Set(destination.pods?.names ?? []);
  const namespace = destination.service?.namespace ?? '';
  const ready = (index.podsByNamespace.get(namespace) ?? []).filter(
    (pod) => names.has(pod.metadata.name) && pod.status.ready,
  );
  return ready[Math.floor(roll * ready.length)];
}

// A client told to use HTTPS (a gateway's httpsRedirect) asks again on 443, as a browser does.
function followRedirect(index: MeshIndex, flow: Flow): TraceResult {
  const trace = traceRequest(index, flow.input);
  if (trace.outcome.kind !== 'https-redirect' || flow.input.entry.kind !== 'gateway') return trace;
  const host = flow.input.request.authority ?? '';
  return traceRequest(index, {
    ...flow.input,
    request: { ...flow.input.request, port: 443, scheme: 'https', ...(host && { sni: host }) },
  });
}
