import http from 'node:http';

export interface RoundRobinProxy {
  url: string;
  /** Which upstream the next request goes to (its index in `upstreams`). */
  next(): number;
  served: number[];
  close(): Promise<void>;
}

/**
 * A load balancer on loopback in front of several Weir replicas: each request goes to the next
 * upstream in turn, streamed both ways (event streams included). Like an ingress, it passes the
 * Host the browser used on (so Weir's same-origin check sees its public address) and adds
 * X-Forwarded-For/-Proto. Answers carry `x-served-by: <index>` so a test can say which
 * replica answered; `served` counts the requests each upstream got.
 */
export function startRoundRobinProxy(port: number, upstreams: string[]): Promise<RoundRobinProxy> {
  let turn = 0;
  const served = upstreams.map(() => 0);
  const server = http.createServer((request, response) => {
    const index = turn++ % upstreams.length;
    served[index] = (served[index] ?? 0) + 1;
    const target = new URL(request.url ?? '/', upstreams[index]);
    const headers = {
      ...request.headers,
      'x-forwarded-for': request.socket.remoteAddress ?? '127.0.0.1',
      'x-forwarded-proto': 'http',
    };
    const upstream = http.request(target, { method: request.method, headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-served-by': String(index) });
      answer.pipe(response);
    });
    upstream.on('error', (error) => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`upstream ${index} failed: ${error.message}`);
    });
    request.pipe(upstream);
    response.on('close', () => upstream.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${port}`,
        next: () => turn % upstreams.length,
        served,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    );
  });
}
