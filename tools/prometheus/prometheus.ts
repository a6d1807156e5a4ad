import { type ChildProcess, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from '../cluster/cluster';
import { spawnTied, stopTied } from '../cluster/processes';
import { rulesText } from './rules-file';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface LocalPrometheus {
  /** Its HTTP API, e.g. `http://127.0.0.1:3461`. */
  readonly url: string;
  /** How often it scrapes, in seconds. */
  readonly scrapeSeconds: number;
  /** Stops it (its data stays, for start()). */
  stopPrometheus(): Promise<void>;
  /** Starts it again on the same port and data. */
  startPrometheus(): Promise<void>;
  /** Stops it and removes its data. */
  stop(): Promise<void>;
}

export interface PrometheusOptions {
  /** The port to listen on (loopback). */
  port: number;
  /** `host:port` addresses to scrape at /metrics (tools/traffic's). */
  targets: string[];
  /** Default 1 s: tests watch a measured share move within seconds. */
  scrapeSeconds?: number;
  /**
   * Load Weir's recording rules (default true), generated for this scrape interval: the chart's
   * file is made for 15 s, whose 1m group would lag a test scraping every second by up to 15 s.
   * false: raw series only, whatever rulesFile says.
   */
  recordingRules?: boolean;
  /** A rule file to load instead of the generated one (the chart's, to see Prometheus take it as shipped). */
  rulesFile?: string;
  log?: (line: string) => void;
}

/**
 * The rule files Prometheus loads, and the generated rules to write first (at `generated`),
 * if any: none with recordingRules false (it wins over rulesFile); rulesFile alone when given;
 * else the rules generated for the scrape interval.
 */
export function rulePlan(
  options: Pick<PrometheusOptions, 'recordingRules' | 'rulesFile'>,
  scrapeSeconds: number,
  generated: string,
): { ruleFiles: string[]; write?: { path: string; text: string } } {
  if (options.recordingRules === false) return { ruleFiles: [] };
  if (options.rulesFile) return { ruleFiles: [options.rulesFile] };
  return { ruleFiles: [generated], write: { path: generated, text: rulesText(scrapeSeconds) } };
}

/** Finds (unpacking it once per version) the folder holding the prometheus and promtool binaries. */
export function ensurePrometheus(): string {
  const out = execFileSync('bash', [path.join(here, 'build.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return out.trim().split('\n').pop() ?? '';
}

/** Starts a real Prometheus on loopback scraping `targets` every `scrapeSeconds`. */
export async function startPrometheus(options: PrometheusOptions): Promise<LocalPrometheus> {
  const bin = path.join(ensurePrometheus(), 'prometheus');
  const scrapeSeconds = options.scrapeSeconds ?? 1;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'weir-prometheus-'));
  mkdirSync(path.join(dir, 'data'));
  const config = path.join(dir, 'prometheus.yml');
  const { ruleFiles, write } = rulePlan(options, scrapeSeconds, path.join(dir, 'weir-recording-rules.yaml'));
  if (write) writeFileSync(write.path, write.text);
  writeFileSync(
    config,
    JSON.stringify({
      global: { scrape_interval: `${scrapeSeconds}s`, evaluation_interval: `${scrapeSeconds}s` },
      rule_files: ruleFiles,
      scrape_configs: [{ job_name: 'envoy-stats', static_configs: [{ targets: options.targets }] }],
    }),
  );
  const url = `http://127.0.0.1:${options.port}`;
  let child: ChildProcess | undefined;
  const startPrometheus = async () => {
    child = spawnTied(
      bin,
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${options.port}`,
        '--log.level=warn',
      ],
      path.join(dir, 'prometheus.log'),
    );
    const running = child;
    const exited = () =>
      running.exitCode !== null ? `prometheus exited; see ${path.join(dir, 'prometheus.log')}` : undefined;
    await waitFor('prometheus ready', 30_000, exited, async () => {
      const answer = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(2_000) });
      if (!answer.ok) throw new Error(`/-/ready answered ${answer.status}`);
    });
    options.log?.(`prometheus: ${url} (scraping ${options.targets.join(', ')} every ${scrapeSeconds} s)`);
  };
  const stopPrometheus = async () => {
    if (child) await stopTied(child);
    child = undefined;
  };
  await startPrometheus();
  return {
    url,
    scrapeSeconds,
    startPrometheus,
    stopPrometheus,
    async stop() {
      await stopPrometheus();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
