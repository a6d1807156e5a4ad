import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';

const chart = path.join(__dirname, '../../deploy/helm/weir');
const values = YAML.parse(readFileSync(path.join(chart, 'values.yaml'), 'utf8')) as Record<
  string,
  Record<string, unknown>
>;

describe("the chart's values", () => {
  it('hold the recording rules under prometheus only, where templates/recording-rules.yaml reads them', () => {
    const template = readFileSync(path.join(chart, 'templates/recording-rules.yaml'), 'utf8');
    expect(template).toContain('.Values.prometheus.recordingRules');
    expect(values.prometheus?.recordingRules).toEqual({
      prometheusRule: false,
      configMap: false,
      labels: {},
    });
    const holders = Object.entries(values)
      .filter(([, section]) => section && typeof section === 'object' && 'recordingRules' in section)
      .map(([name]) => name);
    expect(holders).toEqual(['prometheus']);
  });
});
