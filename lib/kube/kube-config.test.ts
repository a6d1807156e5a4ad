import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKubeConfig, onKubeConfigMoved, reloadKubeConfig } from './kube-config';

/** A kubeconfig naming one API server, with a token. */
const kubeconfig = (server: string) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster: { server } }],
    users: [{ name: 'u', user: { token: 't' } }],
    contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
    'current-context': 'x',
  });

describe('onKubeConfigMoved', () => {
  it('is told each time a re-read of the kubeconfig points somewhere else, until it stops following', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'weir-kc-')), 'kubeconfig');
    writeFileSync(file, kubeconfig('https://127.0.0.1:6443'));
    const kc = loadKubeConfig({ kubeconfig: file });
    const seen: string[] = [];
    const stop = onKubeConfigMoved(kc, () => seen.push(kc.getCurrentCluster()?.server ?? ''));

    expect(reloadKubeConfig(kc)).toBe(false);
    expect(seen).toEqual([]);
    writeFileSync(file, kubeconfig('https://127.0.0.1:7443'));
    expect(reloadKubeConfig(kc)).toBe(true);
    // Told once the config already points at the new server.
    expect(seen).toEqual(['https://127.0.0.1:7443']);

    stop();
    writeFileSync(file, kubeconfig('https://127.0.0.1:8443'));
    expect(reloadKubeConfig(kc)).toBe(true);
    expect(seen).toEqual(['https://127.0.0.1:7443']);
  });
});
