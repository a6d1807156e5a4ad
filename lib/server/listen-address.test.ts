import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLoopback, listenAddress, listenRefusal } from './listen-address';

describe('listen address', () => {
  it('is what next start was given, the standalone server’s HOSTNAME, or every interface', () => {
    expect(listenAddress(['node', 'next', 'start', '-p', '3000', '-H', '127.0.0.1'], {})).toBe('127.0.0.1');
    expect(listenAddress(['node', 'next', 'start', '--hostname', '::1'], {})).toBe('::1');
    expect(listenAddress(['node', 'next', 'start', '--hostname=10.0.0.4'], {})).toBe('10.0.0.4');
    expect(listenAddress(['node', 'next', 'start'], {})).toBe('0.0.0.0');
    expect(listenAddress(['node', 'server.js'], { __NEXT_PRIVATE_STANDALONE_CONFIG: '{}' })).toBe('0.0.0.0');
    expect(
      listenAddress(['node', 'server.js'], { __NEXT_PRIVATE_STANDALONE_CONFIG: '{}', HOSTNAME: '127.0.0.1' }),
    ).toBe('127.0.0.1');
  });

  it('counts only this machine’s own addresses as loopback', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1'])
      expect(isLoopback(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.1', '128.0.0.1', 'weir.example.com', '', '127.0.0.1.nip.io'])
      expect(isLoopback(host), host).toBe(false);
  });

  it('refuses any address others can reach with WEIR_AUTH=local, saying why and what to do', () => {
    const refusal = listenRefusal('0.0.0.0', {});
    expect(refusal).toMatch(/refusing to listen on 0\.0\.0\.0 with WEIR_AUTH=local/);
    expect(refusal).toMatch(/WEIR_ALLOW_UNAUTHENTICATED_NETWORK=true/);
    expect(listenRefusal('0.0.0.0', { WEIR_AUTH: 'local' })).toBe(refusal);
    expect(listenRefusal('127.0.0.1', {})).toBeUndefined();
    expect(listenRefusal('0.0.0.0', { WEIR_ALLOW_UNAUTHENTICATED_NETWORK: 'true' })).toBeUndefined();
    for (const auth of ['token', 'oidc', 'header'])
      expect(listenRefusal('0.0.0.0', { WEIR_AUTH: auth })).toBeUndefined();
  });

  it('never lets a non-loopback address through with local, whatever its spelling', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6(), fc.domain(), fc.string({ unit: 'grapheme' })), (host) => {
        expect(listenRefusal(host, {}) === undefined).toBe(isLoopback(host));
      }),
    );
  });
});
