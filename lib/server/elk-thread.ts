import 'server-only';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { ElkRun } from '../graph/layout';

// elk's bundled build, loaded by the thread itself (npm start runs from the repository root).
const ELK_PATH = path.join(process.cwd(), 'node_modules', 'elkjs', 'lib', 'elk.bundled.js');

// The thread's whole program: elk's layered layout of each graph it is sent, answered by id.
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const ELK = require(workerData.elk);
const elk = new ELK();
parentPort.on('message', ({ id, root }) => {
  elk.layout(root).then(
    (laid) => parentPort.postMessage({ id, laid }),
    (error) => parentPort.postMessage({ id, error: String(error) }),
  );
});
`;

/** The longest one layout may take: 600 nodes take seconds on a loaded machine, never this. */
const LAYOUT_LIMIT_MS = 60_000;

let thread: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, { resolve: (laid: ElkNode) => void; reject: (error: Error) => void }>();

function start(): Worker | undefined {
  if (thread) return thread;
  if (!existsSync(ELK_PATH)) return undefined;
  const made = new Worker(PROGRAM, { eval: true, workerData: { elk: ELK_PATH } });
  // Never what keeps the server from exiting.
  made.unref();
  made.on('message', (reply: { id: number; laid?: ElkNode; error?: string }) => {
    const pending = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.laid) pending?.resolve(reply.laid);
    else pending?.reject(new Error(reply.error ?? 'elk answered nothing'));
  });
  const fail = (error: unknown) => {
    if (thread === made) thread = undefined;
    for (const pending of waiting.values()) pending.reject(new Error(`elk's thread stopped: ${error}`));
    waiting.clear();
  };
  made.on('error', fail);
  made.on('exit', fail);
  thread = made;
  return made;
}

/** Layouts sent to the thread and not answered yet. */
export function elkQueued(): number {
  return waiting.size;
}

/**
 * elk on a thread of its own, one for the server: elk works in one long synchronous stretch
 * (200 nodes: 0.2–9 s here, depending on load and whether it is compiled yet), which on the
 * request thread would hold back every answer and event stream meanwhile. Undefined where the
 * thread cannot start (elk not found beside the server): the caller does without.
 */
export function elkThread(): ElkRun | undefined {
  if (!start()) return undefined;
  return (root) =>
    new Promise<ElkNode>((resolve, reject) => {
      const target = start();
      if (!target) return reject(new Error("elk's thread could not start"));
      const id = nextId++;
      // A layout elk never finishes must not hold its place in the queue for good (first-layout
      // sends no more past two waiting): the thread is stopped, every layout waiting fails, and
      // the next one starts a new thread.
      const timer = setTimeout(() => void target.terminate(), LAYOUT_LIMIT_MS);
      timer.unref();
      waiting.set(id, {
        resolve: (laid) => {
          clearTimeout(timer);
          resolve(laid);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      target.postMessage({ id, root });
    });
}
