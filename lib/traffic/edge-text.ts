import type { EdgeTraffic } from './types';

/** `measured 9.6% · 99.9% ok · p99 120 ms`: what an edge reads beside its configured weight. */
export function edgeTrafficText(traffic: EdgeTraffic | undefined): string {
  if (!traffic) return '';
  if (traffic.share === undefined) return 'no requests';
  const parts = [`measured ${percent(traffic.share)}`];
  if (traffic.success !== undefined) parts.push(`${percent(traffic.success)} ok`);
  if (traffic.p99 !== undefined) parts.push(`p99 ${milliseconds(traffic.p99)}`);
  return parts.join(' · ');
}

/** 0.096 → `9.6%`, 1 → `100%`, 0.99996 → `99.99%`: never rounded up to 100 while one failed. */
export function percent(fraction: number): string {
  const value = fraction * 100;
  if (value >= 100) return '100%';
  if (value <= 0) return '0%';
  if (value >= 99) return `${Number((Math.floor(value * 100 + 1e-9) / 100).toFixed(2))}%`;
  return `${Number(value.toFixed(1))}%`;
}

/** 120 → `120 ms`, 2500 → `2.5 s`. */
export function milliseconds(ms: number): string {
  if (ms >= 1000) return `${Number((ms / 1000).toFixed(1))} s`;
  return `${ms >= 10 ? Math.round(ms) : Number(ms.toFixed(1))} ms`;
}

/** 0.25 → `0.25 req/s`, 9.6 → `9.6 req/s`, 120.4 → `120 req/s`. */
export function requestRate(rps: number): string {
  if (rps < 1) return `${Number(rps.toFixed(2))} req/s`;
  return `${rps >= 10 ? Math.round(rps) : Number(rps.toFixed(1))} req/s`;
}

/** `12 req/s · 0.5% 5xx`: what a workload node reads of the requests its pods received. */
export function workloadTrafficText(traffic: EdgeTraffic): string {
  if (traffic.rps <= 0) return 'no requests';
  return `${requestRate(traffic.rps)} · ${percent(1 - (traffic.success ?? 1))} 5xx`;
}
