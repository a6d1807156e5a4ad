// Validates a synthetic 2,000-route mesh several times and prints min and median times (all
// rules, and the admission rules alone) with the load average as one JSON line. Run with
// `npx tsx bench/validate.ts`. Prints figures only; asserts nothing.
import { loadavg } from 'node:os';
import { admission } from '../lib/validate/admission/check';
import { ValidationContext } from '../lib/validate/context';
import { runChecks, validate } from '../lib/validate/validate';
import { syntheticMesh } from './support/synthetic-mesh';

const RUNS = 9;

const { snapshot, routes } = syntheticMesh();

function time(work: () => number): { min: number; median: number; findings: number } {
  work(); // warm up
  const times: number[] = [];
  let findings = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    findings = work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { min: round(times[0] ?? 0), median: round(times[Math.floor(times.length / 2)] ?? 0), findings };
}

const all = time(() => validate(snapshot).length);
const admissionOnly = time(() => runChecks(new ValidationContext(snapshot), [admission]).length);
console.log(
  JSON.stringify({
    bench: 'validate',
    routes,
    objects: Object.keys(snapshot.objects).length,
    findings: all.findings,
    ms: all.median,
    minMs: all.min,
    admissionMs: admissionOnly.median,
    admissionMinMs: admissionOnly.min,
    runs: RUNS,
    load: loadavg()[0],
  }),
);
