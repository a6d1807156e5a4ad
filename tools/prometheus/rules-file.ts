import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { recordingRules } from '../../lib/traffic/promql';

/** Weir's recording rules as the chart ships them (a Prometheus rule file: `groups:`). */
export const RULES_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../deploy/helm/weir/files/recording-rules.yaml',
);

/** The rule file's text, as tools/prometheus/write-rules.ts writes it. */
export function rulesText(): string {
  return `# Weir's recording rules (generated from lib/traffic/promql.ts by tools/prometheus/write-rules.ts).\n${YAML.stringify(recordingRules(), { lineWidth: 0 })}`;
}
