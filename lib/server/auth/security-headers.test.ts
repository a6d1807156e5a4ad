import { describe, expect, it } from 'vitest';
import { pageCsp } from './security-headers';

describe('pageCsp', () => {
  it('runs scripts only with the nonce, and lets nothing frame Weir', () => {
    const csp = pageCsp('abc123');
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it('allows eval only in development, and upgrades requests only over HTTPS', () => {
    expect(pageCsp('n', { dev: true })).toContain("'unsafe-eval'");
    expect(pageCsp('n')).not.toContain('upgrade-insecure-requests');
    expect(pageCsp('n', { https: true })).toContain('upgrade-insecure-requests');
  });
});
