import { describe, expect, it, vi } from 'vitest';
import { readConfig, readNamespaces, refuseBadConfig } from './config';

describe('WEIR_NAMESPACES', () => {
  it('lists namespaces separated by commas, spaces and repeats allowed; empty or unset means all', () => {
    expect(readNamespaces(' shop, payments ,shop,')).toEqual(['payments', 'shop']);
    expect(readNamespaces('')).toBeUndefined();
    expect(readNamespaces(' , ')).toBeUndefined();
    expect(readNamespaces(undefined)).toBeUndefined();
    expect(readConfig({ ...process.env, WEIR_NAMESPACES: 'shop' }).namespaces).toEqual(['shop']);
  });

  it('refuses what is no namespace name, saying which', () => {
    expect(() => readNamespaces('shop,Payments')).toThrow(/WEIR_NAMESPACES .*not "Payments"/);
    expect(() => readNamespaces('shop;payments')).toThrow(/not "shop;payments"/);
    expect(() => readNamespaces('../etc')).toThrow(/WEIR_NAMESPACES/);
  });
});

describe('WEIR_ISTIO_ROOT_NAMESPACE and WEIR_ISTIO_MESH_CONFIG', () => {
  it("default to Istio's istio-system and istio; a revisioned install's name is taken", () => {
    expect(readConfig({}).meshConfig).toEqual({ namespace: 'istio-system', name: 'istio' });
    expect(
      readConfig({ WEIR_ISTIO_ROOT_NAMESPACE: 'istio-control', WEIR_ISTIO_MESH_CONFIG: 'istio-1-24' })
        .meshConfig,
    ).toEqual({ namespace: 'istio-control', name: 'istio-1-24' });
  });

  it('refuses what is no namespace or ConfigMap name, naming the variable', () => {
    expect(() => readConfig({ WEIR_ISTIO_ROOT_NAMESPACE: 'Istio_System' })).toThrow(
      /^WEIR_ISTIO_ROOT_NAMESPACE .*not "Istio_System"/,
    );
    expect(() => readConfig({ WEIR_ISTIO_ROOT_NAMESPACE: '../kube-system' })).toThrow(
      /WEIR_ISTIO_ROOT_NAMESPACE/,
    );
    expect(() => readConfig({ WEIR_ISTIO_MESH_CONFIG: 'istio/../secrets' })).toThrow(
      /^WEIR_ISTIO_MESH_CONFIG .*not "istio\/..\/secrets"/,
    );
    expect(() => readConfig({ WEIR_ISTIO_MESH_CONFIG: 'x'.repeat(254) })).toThrow(/WEIR_ISTIO_MESH_CONFIG/);
  });

  it('refuses one set but blank rather than reading the default quietly', () => {
    expect(() => readConfig({ WEIR_ISTIO_ROOT_NAMESPACE: '' })).toThrow(/^WEIR_ISTIO_ROOT_NAMESPACE/);
    expect(() => readConfig({ WEIR_ISTIO_MESH_CONFIG: ' ' })).toThrow(/^WEIR_ISTIO_MESH_CONFIG/);
  });
});

describe('at start (instrumentation.ts)', () => {
  it('a setting Weir cannot use stops the process with the error naming the variable; good ones pass', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      refuseBadConfig({ WEIR_ISTIO_ROOT_NAMESPACE: 'istio-control' });
      expect(exit).not.toHaveBeenCalled();
      refuseBadConfig({ WEIR_ISTIO_MESH_CONFIG: 'Istio' });
      expect(exit).toHaveBeenCalledWith(1);
      expect(error).toHaveBeenCalledWith(expect.stringMatching(/^WEIR_ISTIO_MESH_CONFIG .*not "Istio"/));
    } finally {
      exit.mockRestore();
      error.mockRestore();
    }
  });
});
