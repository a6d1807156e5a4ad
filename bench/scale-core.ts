// The server's own work on the issue-14 mesh, without an API server or a browser: validation,
// the graph of one namespace and a write's gate, over the whole mesh and over one view
// (MeshStore.snapshot(namespaces)). What bench/scale.ts measures end to end, taken apart to
// say what dominates. Prints JSON lines (min/median over RUNS, the load average):
//   npx tsx --conditions=react-server bench/scale-core.ts 10000
import { buildGraph } from '../lib/graph/build-graph';
import { parseObject } from '../lib/mesh/parse';
import type { MeshObject, MeshSnapshot, StoredObject } from '../lib/mesh/types';
import { EventLog } from '../lib/store/event-log';
import { validate } from '../lib/validate';
import { printFigure } from './support/figures';
import { scaleManifests, viewedNamespace } from './support/scale-mesh';

const size = Number(process.argv[2] ?? 1000);
const RUNS = Number(process.env.RUNS ?? 3);
const ns = viewedNamespace(size);

const log = new EventLog({ backend: 'files', source: 'bench', demo: false });
const started = performance.now();
for (const manifest of scaleManifests(size).flat()) {
  log.put(parseObject(manifest) as StoredObject);
}
printFigure('core-load', size, [performance.now() - started], { unit: 'ms' });
const whole = log.snapshot();
const view = log.snapshot([ns]);

measure('core-validate-all', () => validate(whole));
measure('core-graph-namespace-whole', () => buildGraph(whole, validate(whole), { namespaces: [ns] }));
measure('core-graph-namespace-view', () => buildGraph(view, validate(view), { namespaces: [ns] }));
measure('core-view-snapshot', () => log.snapshot([ns]), { objects: Object.keys(view.objects).length });
const key = `VirtualService/${ns}/svc-1`;
const object = whole.objects[key] as MeshObject;
// What a write's gate did (the rules over the mesh with and without the change) and does.
measure('core-gate-whole', () => gate(whole));
measure('core-gate-view', () => gate(log.snapshot([ns])));
printFigure('core-snapshot-bytes', size, [JSON.stringify(whole).length], {
  unit: 'bytes',
  view_bytes: JSON.stringify(view).length,
});

function gate(snapshot: MeshSnapshot): void {
  const { [key]: _held, ...others } = snapshot.objects;
  validate({ ...snapshot, objects: { ...others, [key]: object } });
  validate({ ...snapshot, objects: { ...snapshot.objects, [key]: object } });
}

function measure(figure: string, run: () => unknown, extra: Record<string, unknown> = {}): void {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  printFigure(figure, size, times, { unit: 'ms', ...extra });
}
