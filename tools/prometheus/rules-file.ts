import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { RULES_SCRAPE_SECONDS, recordingRules, ruleIntervals } from '../../lib/traffic/promql';

/** Weir's recording rules as the chart ships them (a Prometheus rule file: `groups:`). */
export const RULES_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../deploy/helm/weir/files/recording-rules.yaml',
);

/**
 * The rule file's text for a Prometheus scraping every `scrapeSeconds` (the groups' intervals
 * follow it): the chart's, as tools/prometheus/write-rules.ts writes it, is for 15 s.
 */
export function rulesText(scrapeSeconds: number = RULES_SCRAPE_SECONDS): string {
  const every = ruleIntervals(scrapeSeconds);
  return `# Weir's recording rules (generated from lib/traffic/promql.ts by tools/prometheus/write-rules.ts)
# for a Prometheus scraping every ${scrapeSeconds} s: the 1m window's group is evaluated every ${every['1m']} s,
# the 5m window's every ${every['5m']} s, the 1h window's every ${every['1h']} s.
${YAML.stringify(recordingRules(scrapeSeconds), { lineWidth: 0 })}`;
}
