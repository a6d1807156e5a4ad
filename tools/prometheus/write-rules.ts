// Writes Weir's Prometheus recording rules (lib/traffic/promql.ts) to the file the Helm chart
// ships (made for a 15 s scrape); a unit test fails when the file and the code part ways.
//   npx tsx tools/prometheus/write-rules.ts
// With a scrape interval in seconds, prints the rules made for it instead (the chart's file stays):
//   npx tsx tools/prometheus/write-rules.ts 30 > weir-recording-rules.yaml
import { writeFileSync } from 'node:fs';
import { RULES_FILE, rulesText } from './rules-file';

const scrape = process.argv[2];
if (scrape === undefined) {
  writeFileSync(RULES_FILE, rulesText());
  console.log(`wrote ${RULES_FILE}`);
} else {
  process.stdout.write(rulesText(Number(scrape)));
}
