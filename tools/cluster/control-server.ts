import http from 'node:http';
import type { LocalCluster } from './cluster';

export interface ControlServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A loopback endpoint through which tests in other processes stop and start the API server
 * (`POST /api-server/stop`, `POST /api-server/start`) of the cluster this process owns, or
 * freeze and thaw it (`POST /api-server/pause`, `POST /api-server/resume`: SIGSTOP, SIGCONT), or
 * move it to another port and certificate (`POST /api-server/move`, the kubeconfig rewritten).
 */
export async function startControlServer(cluster: LocalCluster): Promise<ControlServer> {
  const server = http.createServer(async (req, res) => {
    try {
      if (req.method === 'POST' && req.url === '/api-server/stop') await cluster.stopApiServer();
      else if (req.method === 'POST' && req.url === '/api-server/start') await cluster.startApiServer();
      else if (req.method === 'POST' && req.url === '/api-server/move') await cluster.moveApiServer();
      else if (req.method === 'POST' && req.url === '/api-server/pause') await cluster.pauseApiServer();
      else if (req.method === 'POST' && req.url === '/api-server/resume') await cluster.resumeApiServer();
      else {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(204).end();
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Asks the control server to stop or start the API server, and waits until it has. */
export async function controlApiServer(
  url: string,
  action: 'stop' | 'start' | 'move' | 'pause' | 'resume',
): Promise<void> {
  const response = await fetch(`${url}/api-server/${action}`, { method: 'POST' });
  if (!response.ok) throw new Error(`could not ${action} the API server: ${await response.text()}`);
}
