import 'server-only';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { ElkRun } from '../graph/layout';

// elk's bundled build, loaded by the thread itself (npm start runs from the repository root).
const ELK_PATH = path.join(process.cwd(), 'node_modules', 'elkjs', 'lib', 'elk.bundled.js');

// The thread's whole program: elk's layered layout of each graph it is sent, answered by id;
// once no layout has come for `idleMs`, a full collection of its own heap (see IDLE_MS).
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const v8 = require('node:v8');
const vm = require('node:vm');
const ELK = require(workerData.elk);
const elk = new ELK();
// Node started with --expose-gc gives it already; otherwise the flag is on for a moment only
// (V8's flags are the process's: left on, every later context would get gc).
const gc = globalThis.gc ?? exposedGc();
function exposedGc() {
  v8.setFlagsFromString('--expose-gc');
  try {
    return vm.runInNewContext('gc');
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
}
let laying = 0;
let idle;
parentPort.on('message', ({ id, root }) => {
  laying++;
  clearTimeout(idle);
  elk.layout(root).then(
    (laid) => parentPort.postMessage({ id, laid }),
    (error) => parentPort.postMessage({ id, error: String(error) }),
  ).finally(() => {
    if (--laying === 0) idle = setTimeout(collect, workerData.idleMs);
  });
});
function collect() {
  const before = v8.getHeapStatistics().total_heap_size;
  gc();
  parentPort.postMessage({ collected: { before, after: v8.getHeapStatistics().total_heap_size } });
}
`;

/**
 * How long the thread waits after its last layout before collecting its garbage. A layout
 * fills elk's young generation, which stays committed until a full collection (32 MB of the
 * server's RSS after the pages of the 10,000-VirtualService mesh, holding nothing alive): the
 * thread is otherwise idle, so nothing else would ever collect it.
 */
const IDLE_MS = 5_000;

/** The longest one layout may take: 600 nodes take seconds on a loaded machine, never this. */
const LAYOUT_LIMIT_MS = 60_000;

let thread: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, { resolve: (laid: ElkNode) => void; reject: (error: Error) => void }>();
let collected: ((before: number, after: number) => void) | undefined;

/** Tells `listener` of each collection the thread makes once idle: its heap before and after, in bytes. */
export function onElkCollected(listener: (before: number, after: number) => void): void {
  collected = listener;
}

function start(idleMs: number): Worker | undefined {
  if (thread) return thread;
  if (!existsSync(ELK_PATH)) return undefined;
  const made = new Worker(PROGRAM, { eval: true, workerData: { elk: ELK_PATH, idleMs } });
  // Never what keeps the server from exiting.
  made.unref();
  made.on(
    'message',
    (reply: {
      id: number;
      laid?: ElkNode;
      error?: string;
      collected?: { before: number; after: number };
    }) => {
      if (reply.collected) return collected?.(reply.collected.before, reply.collected.after);
      const pending = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (reply.laid) pending?.resolve(reply.laid);
      else pending?.reject(new Error(reply.error ?? 'elk answered nothing'));
    },
  );
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
export function elkThread(idleMs = IDLE_MS): ElkRun | undefined {
  if (!start(idleMs)) return undefined;
  return (root) =>
    new Promise<ElkNode>((resolve, reject) => {
      const target = start(idleMs);
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
