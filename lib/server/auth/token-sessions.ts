import 'server-only';
import { createHash, randomBytes } from 'node:crypto';

/** A person signed in with a Kubernetes bearer token; the token never leaves the server. */
export interface TokenSession {
  id: string;
  /** The bearer token: pasted (token strategy) or the ID token (oidc). */
  token: string;
  user: string;
  groups: string[];
  createdAt: number;
  lastSeenAt: number;
  /** Set for sessions made by the oidc strategy: how long the ID token lasts and how to renew it. */
  oidc?: OidcGrant;
}

/** What an OIDC sign-in leaves on the server besides the ID token. */
export interface OidcGrant {
  /** When the ID token expires (ms since the epoch). */
  expiresAt: number;
  /** The ID token's subject: a renewed token must be for the same person. */
  subject: string;
  refreshToken?: string;
}

const IDLE_MS = 8 * 60 * 60 * 1000;
const ABSOLUTE_MS = 24 * 60 * 60 * 1000;

/**
 * The server-side sessions of the `token` strategy, in memory, keyed by a random id that the
 * browser holds in an httpOnly cookie. A restart signs everyone out, which is the safe side.
 */
export class TokenSessions {
  private readonly sessions = new Map<string, TokenSession>();

  constructor(private readonly now: () => number = Date.now) {}

  create(token: string, user: string, groups: string[], oidc?: OidcGrant): TokenSession {
    this.sweep();
    const id = randomBytes(32).toString('base64url');
    const at = this.now();
    const session = { id, token, user, groups, createdAt: at, lastSeenAt: at, ...(oidc && { oidc }) };
    this.sessions.set(id, session);
    return session;
  }

  /** The live session with this id, marked as seen; undefined once it expired or ended. */
  get(id: string | undefined): TokenSession | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const now = this.now();
    if (now - session.lastSeenAt > IDLE_MS || now - session.createdAt > ABSOLUTE_MS) {
      this.sessions.delete(id);
      return undefined;
    }
    session.lastSeenAt = now;
    return session;
  }

  /** Puts a renewed token (and who it names) in a live session; false when it has ended meanwhile. */
  renew(id: string, token: string, user: string, groups: string[], oidc: OidcGrant): boolean {
    const session = this.sessions.get(id);
    if (!session) return false;
    Object.assign(session, { token, user, groups, oidc });
    return true;
  }

  end(id: string | undefined): TokenSession | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    this.sessions.delete(id);
    return session;
  }

  get size(): number {
    return this.sessions.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, session] of this.sessions) {
      if (now - session.lastSeenAt > IDLE_MS || now - session.createdAt > ABSOLUTE_MS)
        this.sessions.delete(id);
    }
  }
}

/** The key under which a token's access reviews are cached: a digest, never the token. */
export function tokenAccessKey(token: string): string {
  return `token:${createHash('sha256').update(token).digest('base64url')}`;
}

const holder = globalThis as { __weirTokenSessions?: TokenSessions };

/** The process's sessions (on globalThis so that Next's dev reloads keep them). */
export function tokenSessions(): TokenSessions {
  holder.__weirTokenSessions ??= new TokenSessions();
  return holder.__weirTokenSessions;
}
