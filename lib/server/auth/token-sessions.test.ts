import { describe, expect, it } from 'vitest';
import { type SessionBackend, type StoredSession, TokenSessions, tokenAccessKey } from './token-sessions';

describe('TokenSessions', () => {
  it('finds a session by its random id until it is ended', async () => {
    const sessions = new TokenSessions();
    const session = await sessions.create('secret-token', 'olivia.operator', ['weir:operators']);
    expect(session.id).toMatch(/^[\w-]{40,}$/);
    expect(session.id).not.toContain('secret-token');
    expect((await sessions.get(session.id))?.user).toBe('olivia.operator');
    await sessions.end(session.id);
    expect(await sessions.get(session.id)).toBeUndefined();
  });

  it('expires a session left idle for eight hours', async () => {
    let now = 0;
    const sessions = new TokenSessions(() => now);
    const { id } = await sessions.create('t', 'u', []);
    now = 7 * 3600_000;
    expect(await sessions.get(id)).toBeDefined();
    now += 8 * 3600_000 + 1;
    expect(await sessions.get(id)).toBeUndefined();
  });

  it('expires any session after a day, however active', async () => {
    let now = 0;
    const sessions = new TokenSessions(() => now);
    const { id } = await sessions.create('t', 'u', []);
    for (let hour = 1; hour <= 24; hour++) {
      now = hour * 3600_000;
      await sessions.get(id);
    }
    now += 1;
    expect(await sessions.get(id)).toBeUndefined();
  });

  it('caches access by a digest of the token, never the token itself', () => {
    expect(tokenAccessKey('abc')).not.toContain('abc');
    expect(tokenAccessKey('abc')).toBe(tokenAccessKey('abc'));
  });

  it('renews an OIDC session in place, and not one that has ended', async () => {
    const sessions = new TokenSessions();
    const grant = { expiresAt: 1_000, subject: 'olivia', refreshToken: 'r1' };
    const { id } = await sessions.create('id-token-1', 'oidc:olivia@weir.test', [], grant);
    const renewed = { expiresAt: 2_000, subject: 'olivia', refreshToken: 'r2' };
    expect(await sessions.renew(id, 'id-token-2', 'oidc:olivia@weir.test', ['oidc:ops'], renewed)).toBe(true);
    expect(await sessions.get(id)).toMatchObject({
      token: 'id-token-2',
      groups: ['oidc:ops'],
      oidc: renewed,
    });
    await sessions.end(id);
    expect(await sessions.renew(id, 'id-token-3', 'x', [], renewed)).toBe(false);
    expect(await sessions.get(id)).toBeUndefined();
  });
});

describe('TokenSessions shared between replicas', () => {
  /** What two replicas share (the cluster's Secrets, in the integration test): a plain map here. */
  function sharedStore() {
    const kept = new Map<string, StoredSession>();
    const backend: SessionBackend = {
      save: async (id, session) => void kept.set(id, structuredClone(session)),
      load: async (id) => structuredClone(kept.get(id)),
      remove: async (id) => void kept.delete(id),
    };
    return { kept, backend };
  }

  it('serves a session made on one replica on another, after a restart, and ends it on all within half a second', async () => {
    let now = 1_000_000;
    const clock = () => now;
    const { kept, backend } = sharedStore();
    const a = new TokenSessions(clock, backend);
    const b = new TokenSessions(clock, backend);
    const { id } = await a.create('token-1', 'olivia', ['ops']);
    expect([...kept.values()][0]).not.toHaveProperty('id');
    expect((await b.get(id))?.user).toBe('olivia');
    const restarted = new TokenSessions(clock, backend);
    expect((await restarted.get(id))?.token).toBe('token-1');

    expect((await a.get(id))?.user).toBe('olivia');
    await b.end(id);
    now += 501;
    expect(await a.get(id)).toBeUndefined();
    expect(await restarted.get(id)).toBeUndefined();
  });

  it('keeps a renewal made on one replica for the others', async () => {
    let now = 1_000_000;
    const { backend } = sharedStore();
    const a = new TokenSessions(() => now, backend);
    const b = new TokenSessions(() => now, backend);
    const grant = { expiresAt: 2_000_000, subject: 'olivia', refreshToken: 'r1' };
    const { id } = await a.create('id-1', 'olivia', [], grant);
    await b.get(id);
    const renewed = { ...grant, refreshToken: 'r2' };
    expect(await a.renew(id, 'id-2', 'olivia', ['ops'], renewed)).toBe(true);
    now += 501;
    expect(await b.get(id)).toMatchObject({ token: 'id-2', groups: ['ops'], oidc: renewed });
  });
});
