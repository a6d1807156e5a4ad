// Writes Weir's Prometheus recording rules (lib/traffic/promql.ts) to the file the Helm chart
// ships and tools/prometheus loads; a unit test fails when the file and the code part ways.
//   npx tsx tools/prometheus/write-rules.ts
import { writeFileSync } from 'node:fs';
import { RULES_FILE, rulesText } from './rules-file';

writeFileSync(RULES_FILE, rulesText());
console.log(`wrote ${RULES_FILE}`);
