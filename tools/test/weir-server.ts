import { type ChildProcess, spawn } from 'node:child_process';

export interface WeirServer {
  process: ChildProcess;
  ready: Promise<void>;
}

/** Serves the production build (`next start`) on loopback with the given environment. */
export function startWeir(
  port: number,
  env: Record<string, string>,
): { process: ChildProcess; ready: Promise<void> } {
  const child = spawn('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    // The specs' own NODE_OPTIONS (the react-server condition) is not for Next.
    env: {
      ...process.env,
      ...env,
      KUBECONFIG: env.KUBECONFIG ?? '',
      NODE_ENV: 'production',
      NODE_OPTIONS: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`weir:${port} ${chunk}`));
  const ready = (async () => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`weir on port ${port} exited with ${child.exitCode}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/snapshot`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`weir on port ${port} did not answer within 60 s`);
  })();
  return { process: child, ready };
}
