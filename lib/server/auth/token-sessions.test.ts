import { describe, expect, it } from 'vitest';
import { TokenSessions, tokenAccessKey } from './token-sessions';

describe('TokenSessions', () => {
  it('finds a session by its random id until it is ended', () => {
    const sessions = new TokenSessions();
    const session = sessions.create('secret-token', 'olivia.operator', ['weir:operators']);
    expect(session.id).toMatch(/^[\w-]{40,}$/);
    expect(session.id).not.toContain('secret-token');
    expect(sessions.get(session.id)?.user).toBe('olivia.operator');
    sessions.end(session.id);
    expect(sessions.get(session.id)).toBeUndefined();
  });

  it('expires a session left idle for eight hours', () => {
    let now = 0;
    const sessions = new TokenSessions(() => now);
    const { id } = sessions.create('t', 'u', []);
    now = 7 * 3600_000;
    expect(sessions.get(id)).toBeDefined();
    now += 8 * 3600_000 + 1;
    expect(sessions.get(id)).toBeUndefined();
  });

  it('expires any session after a day, however active', () => {
    let now = 0;
    const sessions = new TokenSessions(() => now);
    const { id } = sessions.create('t', 'u', []);
    for (let hour = 1; hour <= 24; hour++) {
      now = hour * 3600_000;
      sessions.get(id);
    }
    now += 1;
    expect(sessions.get(id)).toBeUndefined();
  });

  it('caches access by a digest of the token, never the token itself', () => {
    expect(tokenAccessKey('abc')).not.toContain('abc');
    expect(tokenAccessKey('abc')).toBe(tokenAccessKey('abc'));
  });

  it('renews an OIDC session in place, and not one that has ended', () => {
    const sessions = new TokenSessions();
    const grant = { expiresAt: 1_000, subject: 'olivia', refreshToken: 'r1' };
    const { id } = sessions.create('id-token-1', 'oidc:olivia@weir.test', [], grant);
    const renewed = { expiresAt: 2_000, subject: 'olivia', refreshToken: 'r2' };
    expect(sessions.renew(id, 'id-token-2', 'oidc:olivia@weir.test', ['oidc:ops'], renewed)).toBe(true);
    expect(sessions.get(id)).toMatchObject({ token: 'id-token-2', groups: ['oidc:ops'], oidc: renewed });
    sessions.end(id);
    expect(sessions.renew(id, 'id-token-3', 'x', [], renewed)).toBe(false);
    expect(sessions.get(id)).toBeUndefined();
  });
});
