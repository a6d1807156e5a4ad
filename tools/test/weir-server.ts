import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export interface WeirServer {
  process: ChildProcess;
  ready: Promise<void>;
  /** Stops the server and everything it started. */
  stop(): void;
}

const nextBin = path.resolve('node_modules', 'next', 'dist', 'bin', 'next');

export interface StartOptions {
  /** Ready once this answers (the first request opens the store: it waits for the lists). */
  readyPath?: string;
  timeoutMs?: number;
  /** Node's own flags, e.g. `--cpu-prof` for a benchmark's profile. */
  nodeArgs?: string[];
  /** Where it listens (default 127.0.0.1). */
  host?: string;
  /**
   * A folder holding `token`, `ca.crt` and `namespace`: the server runs as in a pod, with these
   * mounted where Kubernetes mounts a service account's (in a private mount namespace, so this
   * machine's /run is untouched; needs root), and no kubeconfig.
   */
  serviceAccount?: string;
}

const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Serves the production build (`next start`) on loopback with the given environment. */
export function startWeir(
  port: number,
  env: Record<string, string>,
  {
    readyPath = '/api/snapshot',
    timeoutMs = 60_000,
    nodeArgs = [],
    host = '127.0.0.1',
    serviceAccount,
  }: StartOptions = {},
): WeirServer {
  const next = [process.execPath, ...nodeArgs, nextBin, 'start', '-p', String(port), '-H', host];
  const [command, ...args] = serviceAccount
    ? [
        'unshare',
        '-m',
        'sh',
        '-c',
        `mount -t tmpfs tmpfs /run && mkdir -p ${SERVICE_ACCOUNT_DIR} && cp "$0"/token "$0"/ca.crt "$0"/namespace ${SERVICE_ACCOUNT_DIR}/ && exec "$@"`,
        serviceAccount,
        ...next,
      ]
    : next;
  const child = spawn(command ?? process.execPath, args, {
    // The specs' own NODE_OPTIONS (the react-server condition) is not for Next.
    env: {
      ...process.env,
      ...env,
      KUBECONFIG: env.KUBECONFIG ?? '',
      NODE_ENV: 'production',
      NODE_OPTIONS: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stopping it leaves nothing behind.
    detached: true,
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`weir:${port} ${chunk}`));
  const stop = () => {
    if (child.pid === undefined || child.exitCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const ready = (async () => {
    // Another server on the port would answer for us and hide that ours never started.
    if (await listening(port)) {
      stop();
      throw new Error(`port ${port} is already in use: stop what listens there (or set WEIR_E2E_PORT)`);
    }
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`weir on port ${port} exited with ${child.exitCode}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}${readyPath}`);
        // 401: up, and asking for a sign-in (WEIR_AUTH=token).
        if (response.ok || response.status === 401) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`weir on port ${port} did not answer within ${timeoutMs / 1000} s`);
  })();
  return { process: child, ready, stop };
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
