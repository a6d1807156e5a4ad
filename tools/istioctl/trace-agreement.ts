// `npx tsx --conditions=react-server tools/istioctl/trace-agreement.ts [requests]`: traces the
// demo, the trace fixtures and every corpus file with Weir (lib/trace) and with istiod's own
// routes (trace-oracle), `requests` drawn per proxy and port (default 200), prints the table and
// writes it into docs/trace.md between the `trace-agreement` markers.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pinnedVersion } from './reference';
import { agreement, istioAnswers, oracleBuilt, oraclePath, traceCases } from './trace-oracle';

if (!oracleBuilt()) {
  console.error(`${oraclePath()} is not built: bash tools/istioctl/build.sh trace-oracle`);
  process.exit(1);
}
const requests = Number(process.argv[2] ?? 200);
const started = performance.now();
const cases = traceCases(requests);
const answers = istioAnswers(cases);
const results = cases.map((c) => agreement(c, answers));
const seconds = ((performance.now() - started) / 1000).toFixed(1);

const total = results.reduce((n, r) => n + r.requests, 0);
const differing = results.reduce((n, r) => n + r.differences.length, 0);
const outcomes = new Map<string, number>();
for (const r of results) for (const [k, n] of r.outcomes) outcomes.set(k, (outcomes.get(k) ?? 0) + n);
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();

const table = [
  `Measured at ${commit} against istio.io/istio ${pinnedVersion()} (${requests} requests per proxy and port, ${seconds} s):`,
  '',
  '| inputs | requests | same answer | different |',
  '|---|---|---|---|',
  `| ${results.length} (demo, fixtures, corpus files with a Gateway or a mesh route) | ${total} | ${total - differing} | ${differing} |`,
  '',
  `Answers among them: ${[...outcomes].map(([k, n]) => `${k} ${n}`).join(', ')}.`,
].join('\n');
console.log(table);
for (const r of results) for (const d of r.differences) console.log(`${r.id}: ${d}`);

const doc = fileURLToPath(new URL('../../docs/trace.md', import.meta.url));
const text = readFileSync(doc, 'utf8');
const begin = '<!-- trace-agreement:begin -->';
const end = '<!-- trace-agreement:end -->';
const from = text.indexOf(begin);
const to = text.indexOf(end);
if (from < 0 || to < from) throw new Error(`docs/trace.md has no ${begin} … ${end} markers`);
writeFileSync(doc, `${text.slice(0, from + begin.length)}\n${table}\n${text.slice(to)}`);
