import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export interface WeirServer {
  process: ChildProcess;
  ready: Promise<void>;
  /** Stops the server and everything it started. */
  stop(): void;
  /** Sends SIGTERM (Weir drains) and resolves with the exit code once the process has exited. */
  terminate(): Promise<number | null>;
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
  /**
   * A folder holding Next's standalone output (`server.js`): run it with `node server.js` from
   * there, as the image does (Dockerfile), instead of `next start` from the checkout.
   */
  standalone?: string;
  /**
   * Folders the server must do without: each is covered by an empty tmpfs in a private mount
   * namespace (needs root), so a file it reads from there fails as on a machine without them.
   */
  hide?: string[];
  /**
   * Another checkout (with its node_modules and build) to serve instead of this one: `next start`
   * from there, e.g. a benchmark's baseline build beside the build under test.
   */
  checkout?: string;
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
    standalone,
    hide = [],
    checkout,
  }: StartOptions = {},
): WeirServer {
  const next = standalone
    ? [process.execPath, ...nodeArgs, path.join(standalone, 'server.js')]
    : [
        process.execPath,
        ...nodeArgs,
        checkout ? path.join(checkout, 'node_modules', 'next', 'dist', 'bin', 'next') : nextBin,
        'start',
        '-p',
        String(port),
        '-H',
        host,
      ];
  // Mounts only this process sees (unshare -m): the service account's files where a pod has
  // them, empty folders over what it must do without.
  const mounts = [
    ...hide.map((folder) => `mount -t tmpfs tmpfs '${folder}'`),
    ...(serviceAccount
      ? [
          `mount -t tmpfs tmpfs /run && mkdir -p ${SERVICE_ACCOUNT_DIR}`,
          `cp '${serviceAccount}'/token '${serviceAccount}'/ca.crt '${serviceAccount}'/namespace ${SERVICE_ACCOUNT_DIR}/`,
        ]
      : []),
  ];
  const [command, ...args] =
    mounts.length > 0
      ? ['unshare', '-m', 'sh', '-c', `${mounts.join(' && ')} && exec "$@"`, 'weir', ...next]
      : next;
  const child = spawn(command ?? process.execPath, args, {
    // The specs' own NODE_OPTIONS (the react-server condition) is not for Next.
    env: {
      ...process.env,
      ...env,
      KUBECONFIG: env.KUBECONFIG ?? '',
      NODE_ENV: 'production',
      NODE_OPTIONS: '',
      // The standalone server reads where to listen from these, and leaves SIGTERM to Weir
      // (instrumentation.ts) as the image does.
      ...(standalone && { PORT: String(port), HOSTNAME: host, NEXT_MANUAL_SIG_HANDLE: 'true' }),
    },
    cwd: standalone ?? checkout ?? process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stopping it leaves nothing behind.
    detached: true,
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`weir:${port} ${chunk}`));
  // Its request log, read and dropped. Unread, the pipe filled after a few hundred requests,
  // and the server's next write to stdout (its "draining" line on SIGTERM) blocked it for good:
  // the SIGTERM'd servers of a bench run stayed alive beside the next one, watching and
  // recording history for every write.
  child.stdout?.resume();
  const stop = () => {
    if (child.pid === undefined || child.exitCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const terminate = async () => {
    if (child.exitCode === null && child.signalCode === null) stop();
    return exited;
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
  return { process: child, ready, stop, terminate };
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
