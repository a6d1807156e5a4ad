import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { until } from '../test/until';
import { ensurePrometheus, type LocalPrometheus, startPrometheus } from './prometheus';
import { RULES_FILE } from './rules-file';

// The port this test's Prometheus listens on (nothing is scraped: the rules are what is tested).
const PORT = Number(process.env.WEIR_RULES_TEST_PORT ?? 3466);
const promtool = path.join(ensurePrometheus(), 'promtool');

describe("the chart's recording rules, as Prometheus itself reads them", () => {
  it.skipIf(!existsSync(promtool))('pass promtool check rules', () => {
    const out = execFileSync(promtool, ['check', 'rules', RULES_FILE], { encoding: 'utf8' });
    expect(out).toMatch(/SUCCESS: 21 rules found/);
  });

  describe('loaded by a real Prometheus', () => {
    let prometheus: LocalPrometheus;
    beforeAll(async () => {
      prometheus = await startPrometheus({
        port: PORT,
        targets: [`127.0.0.1:${PORT + 1}`],
        rulesFile: RULES_FILE,
      });
    });
    afterAll(async () => {
      await prometheus?.stop();
    });

    it('evaluates each group at its own interval, not the global one', async () => {
      interface Group {
        name: string;
        interval: number;
        rules: Array<{ name: string; health: string; lastError?: string }>;
      }
      const groups = async () => {
        const answer = await fetch(`${prometheus.url}/api/v1/rules?type=record`);
        const body = (await answer.json()) as { data: { groups: Group[] } };
        return body.data.groups;
      };
      const loaded = await groups();
      // Prometheus's own global evaluation_interval here is its scrape's, 1 s: these come from the file.
      // (Before: the 1m group had none and ran every global evaluation_interval.)
      const byName = new Map(loaded.map((g) => [g.name, [g.interval, g.rules.length]]));
      expect(Object.fromEntries(byName)).toEqual({
        'weir-traffic-1m': [15, 7],
        'weir-traffic-5m': [30, 7],
        'weir-traffic-1h': [60, 7],
      });
      // The file says the same as Prometheus read.
      const file = YAML.parse(readFileSync(RULES_FILE, 'utf8')) as { groups: Array<{ interval: string }> };
      expect(file.groups.map((g) => g.interval)).toEqual(['15s', '30s', '1m']);
      // The 1m group runs within its first interval, and every rule evaluates without error.
      const evaluated = await until(
        'the 1m group evaluated',
        async () => {
          const first = (await groups()).find((g) => g.name === 'weir-traffic-1m');
          return first?.rules.every((r) => r.health === 'ok') && first;
        },
        { timeoutMs: 40_000, intervalMs: 1_000 },
      );
      expect(evaluated.rules.filter((r) => r.lastError)).toEqual([]);
    }, 60_000);
  });
});
