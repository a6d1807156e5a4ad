import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readPrometheusConfig } from './prometheus-config';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('readPrometheusConfig', () => {
  it('reads a token file again for each query, so a rotated token is used', () => {
    const folder = mkdtempSync(join(tmpdir(), 'weir-prom-'));
    folders.push(folder);
    const file = join(folder, 'token');
    writeFileSync(file, 'first\n');
    const config = readPrometheusConfig({
      WEIR_PROMETHEUS_URL: 'http://127.0.0.1:9090',
      WEIR_PROMETHEUS_TOKEN_FILE: file,
    });
    expect(config?.authorization?.()).toBe('Bearer first');
    writeFileSync(file, 'rotated\n');
    expect(config?.authorization?.()).toBe('Bearer rotated');
  });

  it('says which variable is wrong: a token file that cannot be read, a token beside a user', () => {
    expect(() =>
      readPrometheusConfig({
        WEIR_PROMETHEUS_URL: 'http://127.0.0.1:9090',
        WEIR_PROMETHEUS_TOKEN_FILE: '/nonexistent/token',
      }),
    ).toThrow(/WEIR_PROMETHEUS_TOKEN_FILE: cannot read/);
    expect(() =>
      readPrometheusConfig({
        WEIR_PROMETHEUS_URL: 'http://127.0.0.1:9090',
        WEIR_PROMETHEUS_TOKEN: 't',
        WEIR_PROMETHEUS_USERNAME: 'u',
      }),
    ).toThrow(/not both/);
  });

  it('basic auth and a fixed token are the same for every query', () => {
    const basic = readPrometheusConfig({
      WEIR_PROMETHEUS_URL: 'https://prometheus.example:9090',
      WEIR_PROMETHEUS_USERNAME: 'weir',
      WEIR_PROMETHEUS_PASSWORD: 'secret',
    });
    expect(basic?.authorization?.()).toBe(`Basic ${Buffer.from('weir:secret').toString('base64')}`);
    const fixed = readPrometheusConfig({
      WEIR_PROMETHEUS_URL: 'http://p:9090',
      WEIR_PROMETHEUS_TOKEN: 'abc',
    });
    expect(fixed?.authorization?.()).toBe('Bearer abc');
  });
});
