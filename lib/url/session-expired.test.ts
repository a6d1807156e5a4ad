import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';
import { sessionExpiredSignIn } from './session-expired';

describe('sessionExpiredSignIn', () => {
  it('says why and comes back to the same view', () => {
    expect(sessionExpiredSignIn('/?namespace=shop')).toBe(
      '/sign-in?error=session_expired&next=%2F%3Fnamespace%3Dshop',
    );
    const next = new URL(
      sessionExpiredSignIn('/?namespace=a&namespace=b&at=2026-01-01T00:00:00Z'),
      'http://weir.invalid',
    ).searchParams.get('next');
    expect(safeNext(next ?? undefined)).toBe('/?namespace=a&namespace=b&at=2026-01-01T00:00:00Z');
  });
});
