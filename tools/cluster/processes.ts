import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

/**
 * Starts a program that dies with us: a small shell watchdog ends it when this Node process
 * is gone, even after a SIGKILL that leaves no chance to clean up.
 */
export function spawnTied(binary: string, args: string[], logFile: string): ChildProcess {
  const quoted = [binary, ...args].map((part) => `'${part.replaceAll("'", "'\\''")}'`).join(' ');
  const script = `${quoted} & child=$!
trap 'kill -TERM $child 2>/dev/null; wait $child; exit 0' TERM INT
while kill -0 ${process.pid} 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 0.5; done
kill -TERM $child 2>/dev/null; wait $child`;
  const log = createWriteStream(logFile, { flags: 'a' });
  // Its own process group, so a stop reaches the program and not only the shell.
  const child = spawn('sh', ['-c', script], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

/** Stops a tied program and waits for it (SIGKILL to the whole group after `graceMs`). */
export async function stopTied(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const group = -child.pid;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(group, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(group, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  signalGroup(group, 'SIGKILL');
}

function signalGroup(group: number, signal: NodeJS.Signals): void {
  try {
    process.kill(group, signal);
  } catch {
    // the group is already gone
  }
}
