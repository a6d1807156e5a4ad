import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A loopback HTTP server answering Prometheus's query API with what a test decides, for the
// tests of what Weir does with an answer (per person, per view, hostile input). The real
// Prometheus is started by tools/prometheus where the figures themselves are under test.

/** Istio's labels for one destination group, as Weir's queries group them. */
export function istioSeries(
  service: string,
  namespace: string,
  workload: string,
  version: string,
  source = { workload: 'storefront', namespace: 'shop' },
): Record<string, string> {
  return {
    destination_service: `${service}.${namespace}.svc.cluster.local`,
    destination_service_namespace: namespace,
    destination_workload: workload,
    destination_version: version,
    source_workload: source.workload,
    source_workload_namespace: source.namespace,
  };
}

/** What the server answers one query with: the `data` of a success (or any body, `raw`). */
export type Answer = (query: string, range: boolean) => { data: unknown } | { raw: string; status: number };

export interface LoopbackPrometheus {
  url: string;
  /** Every query asked, in order. */
  queries: string[];
  stop(): Promise<void>;
}

/** Starts the server on a free loopback port. */
export async function startLoopbackPrometheus(answer: Answer): Promise<LoopbackPrometheus> {
  const queries: string[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const query = new URLSearchParams(body).get('query') ?? '';
      queries.push(query);
      const result = answer(query, request.url?.includes('query_range') ?? false);
      if ('raw' in result) response.writeHead(result.status).end(result.raw);
      else
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: 'success', data: result.data }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    queries,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
