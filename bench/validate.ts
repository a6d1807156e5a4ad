// Validates a synthetic 2,000-route mesh several times and prints the median time as one JSON
// line. Run with `npx tsx bench/validate.ts`. Prints figures only; asserts nothing.
import { validate } from '../lib/validate/validate';
import { syntheticMesh } from './support/synthetic-mesh';

const RUNS = 9;

const { snapshot, routes } = syntheticMesh();
validate(snapshot); // warm up
const times: number[] = [];
let findings = 0;
for (let run = 0; run < RUNS; run++) {
  const start = performance.now();
  findings = validate(snapshot).length;
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const ms = Math.round((times[Math.floor(times.length / 2)] ?? 0) * 10) / 10;
console.log(
  JSON.stringify({ bench: 'validate', routes, objects: Object.keys(snapshot.objects).length, findings, ms }),
);
