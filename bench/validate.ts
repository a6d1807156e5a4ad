// Validates three meshes several times and prints, per mesh, one JSON line with min and median
// times (all rules, and the admission rules alone) and the load average: the bundled demo mesh
// (demo/mesh), the synthetic 2,000-route mesh, and the generated mesh of bench/scale-core.ts
// (10,000 VirtualServices by default). Prints figures only; asserts nothing:
//   npx tsx --conditions=react-server bench/validate.ts [size]

import { loadavg } from 'node:os';
import type { MeshSnapshot } from '../lib/mesh/types';
import { admission } from '../lib/validate/admission/check';
import { ValidationContext } from '../lib/validate/context';
import { runChecks, validate } from '../lib/validate/validate';
import { demoSnapshot, scaleSnapshot } from './support/snapshots';
import { syntheticMesh } from './support/synthetic-mesh';

const RUNS = Number(process.env.RUNS ?? 9);
const size = Number(process.argv[2] ?? 10000);

function time(work: () => number, runs: number): { min: number; median: number; findings: number } {
  work(); // warm up
  const times: number[] = [];
  let findings = 0;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    findings = work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { min: round(times[0] ?? 0), median: round(times[Math.floor(times.length / 2)] ?? 0), findings };
}

function bench(mesh: string, snapshot: MeshSnapshot, extra: Record<string, unknown>, runs = RUNS): void {
  const all = time(() => validate(snapshot).length, runs);
  const admissionOnly = time(() => runChecks(new ValidationContext(snapshot), [admission]).length, runs);
  console.log(
    JSON.stringify({
      bench: 'validate',
      mesh,
      ...extra,
      objects: Object.keys(snapshot.objects).length,
      findings: all.findings,
      ms: all.median,
      minMs: all.min,
      admissionMs: admissionOnly.median,
      admissionMinMs: admissionOnly.min,
      runs,
      load: loadavg().map((load) => Math.round(load * 100) / 100),
    }),
  );
}

const demo = demoSnapshot();
bench('demo', demo, {});

const synthetic = syntheticMesh();
bench('synthetic', synthetic.snapshot, { routes: synthetic.routes });

const scale = scaleSnapshot(size);
bench('scale', scale, { size }, Math.min(RUNS, 5));
