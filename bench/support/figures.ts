import os from 'node:os';
import { percentile } from './stack';

/**
 * Prints one figure as a JSON line: min and median of `samples` (p99 too from ten samples
 * on), what else was measured alongside, and the load average while it ran.
 */
/** Said on every figure printed after it: what was measured, e.g. how the server was run. */
let label: Record<string, string> = {};
export function labelFigures(extra: Record<string, string>): void {
  label = extra;
}

export function printFigure(
  figure: string,
  size: number,
  samples: number[],
  extra: Record<string, unknown> = {},
): void {
  const sorted = [...samples].sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      bench: 'scale',
      figure,
      size,
      runs: samples.length,
      min: round(sorted[0]),
      median: round(percentile(sorted, 50)),
      ...(samples.length >= 10 && { p99: round(percentile(sorted, 99)) }),
      ...extra,
      ...label,
      load: os.loadavg().map((load) => Math.round(load * 100) / 100),
    }),
  );
}

export function median(values: number[]): number {
  return round(percentile(values, 50)) ?? Number.NaN;
}

function round(value: number | undefined): number | undefined {
  return value === undefined || Number.isNaN(value) ? undefined : Math.round(value * 10) / 10;
}

/**
 * Times a synchronous `run` `runs` times after one warm-up call: min and median in ms (one
 * decimal), and what the last call answered.
 */
export function timeSync<T>(runs: number, run: () => T): { minMs: number; medianMs: number; answer: T } {
  let answer = run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    answer = run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { minMs: round(times[0]) ?? Number.NaN, medianMs: median(times), answer };
}

/** Runs `measure` `runs` times, one after another, and answers what each answered. */
export async function repeat<T>(runs: number, measure: (run: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let run = 0; run < runs; run++) results.push(await measure(run));
  return results;
}

/** Resident memory of a process group in MB (Weir's server and anything it started). */
export async function groupRssMb(pgid: number): Promise<number> {
  return Math.round((await groupSum(pgid, 'rss')) / 1024);
}

/**
 * CPU seconds a process group has used (user + system, Weir's server and anything it started),
 * read from /proc to the hundredth (ps says whole seconds): on a shared, loaded machine a
 * figure that wall time cannot give.
 */
export async function groupCpuS(pgid: number): Promise<number> {
  const { readdirSync, readFileSync } = await import('node:fs');
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // After the command's closing parenthesis: state, ppid, pgrp, … utime (12th), stime (13th).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  // Linux counts in USER_HZ, 100 a second.
  return ticks / 100;
}

/** One `ps` column (a number) summed over the processes of a group. */
async function groupSum(pgid: number, column: 'rss'): Promise<number> {
  const { execFileSync } = await import('node:child_process');
  const out = execFileSync('ps', ['-e', '-o', `pgid=,${column}=`], { encoding: 'utf8' });
  let sum = 0;
  for (const line of out.split('\n')) {
    const [group, value] = line.trim().split(/\s+/).map(Number);
    if (group === pgid && value !== undefined) sum += value;
  }
  return sum;
}
