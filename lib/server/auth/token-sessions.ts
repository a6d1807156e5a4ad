import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { sharedSessionBackend } from './shared-sessions';

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
/** How long a replica trusts what it holds before asking the shared store again (sign-out elsewhere). */
const RECHECK_MS = 500;
/** How stale the shared store's "last seen" may get before it is written again (idle expiry). */
const SEEN_WRITE_MS = 5 * 60 * 1000;

/** What a session is kept as in a shared store: everything but its id (the browser's secret). */
export type StoredSession = Omit<TokenSession, 'id'>;

/**
 * Where sessions are shared between replicas and restarts (sessions.ts: Secrets in Weir's
 * namespace). Keyed by the session id; the store decides how it names what it keeps.
 */
export interface SessionBackend {
  save(id: string, session: StoredSession): Promise<void>;
  load(id: string): Promise<StoredSession | undefined>;
  remove(id: string): Promise<void>;
}

interface Held {
  session: TokenSession;
  /** When the shared store last confirmed it (0 without a shared store). */
  checkedAt: number;
  /** The lastSeenAt the shared store holds. */
  savedSeenAt: number;
}

/**
 * The server-side sessions of the `token` and `oidc` strategies, keyed by a random id that the
 * browser holds in an httpOnly cookie. Without a backend they live in this process (a restart
 * signs everyone out). With one they are written through to it and re-read when older than
 * half a second, so every replica serves them, they survive restarts, and a sign-out on one
 * replica ends the session on all within that time.
 */
export class TokenSessions {
  private readonly held = new Map<string, Held>();
  private readonly loading = new Map<string, Promise<StoredSession | undefined>>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly backend?: SessionBackend,
  ) {}

  async create(token: string, user: string, groups: string[], oidc?: OidcGrant): Promise<TokenSession> {
    this.sweep();
    const id = randomBytes(32).toString('base64url');
    const at = this.now();
    const session = { id, token, user, groups, createdAt: at, lastSeenAt: at, ...(oidc && { oidc }) };
    await this.backend?.save(id, stored(session));
    this.held.set(id, { session, checkedAt: at, savedSeenAt: at });
    return session;
  }

  /** The live session with this id, marked as seen; undefined once it expired or ended. */
  async get(id: string | undefined): Promise<TokenSession | undefined> {
    if (!id) return undefined;
    let held = this.held.get(id);
    if (this.backend && (!held || this.now() - held.checkedAt > RECHECK_MS)) {
      const loaded = await this.load(id);
      if (!loaded) {
        this.held.delete(id);
        return undefined;
      }
      held = this.held.get(id);
      const session = held
        ? Object.assign(held.session, loaded, {
            lastSeenAt: Math.max(held.session.lastSeenAt, loaded.lastSeenAt),
          })
        : { id, ...loaded };
      held = { session, checkedAt: this.now(), savedSeenAt: loaded.lastSeenAt };
      this.held.set(id, held);
    }
    if (!held) return undefined;
    const { session } = held;
    const now = this.now();
    if (sessionExpired(session, now)) {
      await this.end(id);
      return undefined;
    }
    session.lastSeenAt = now;
    if (this.backend && now - held.savedSeenAt > SEEN_WRITE_MS) {
      held.savedSeenAt = now;
      await this.backend.save(id, stored(session));
    }
    return session;
  }

  /** Puts a renewed token (and who it names) in a live session; false when it has ended meanwhile. */
  async renew(id: string, token: string, user: string, groups: string[], oidc: OidcGrant): Promise<boolean> {
    const session = await this.get(id);
    if (!session) return false;
    Object.assign(session, { token, user, groups, oidc });
    await this.backend?.save(id, stored(session));
    return true;
  }

  async end(id: string | undefined): Promise<TokenSession | undefined> {
    if (!id) return undefined;
    let session = this.held.get(id)?.session;
    this.held.delete(id);
    if (this.backend) {
      const kept = session ? undefined : await this.load(id);
      if (kept) session = { id, ...kept };
      await this.backend.remove(id);
    }
    return session;
  }

  /** Sessions this process holds (the shared store may hold more). */
  get size(): number {
    return this.held.size;
  }

  private load(id: string): Promise<StoredSession | undefined> {
    const backend = this.backend;
    if (!backend) return Promise.resolve(undefined);
    // However many requests ask at once, one read.
    let pending = this.loading.get(id);
    if (!pending) {
      pending = backend.load(id).finally(() => this.loading.delete(id));
      this.loading.set(id, pending);
    }
    return pending;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, { session }] of this.held) {
      if (sessionExpired(session, now)) this.held.delete(id);
    }
  }
}

/** Whether a session has expired (idle for eight hours, or older than a day). */
export function sessionExpired(
  session: Pick<TokenSession, 'createdAt' | 'lastSeenAt'>,
  now: number,
): boolean {
  return now - session.lastSeenAt > IDLE_MS || now - session.createdAt > ABSOLUTE_MS;
}

function stored({ id: _id, ...session }: TokenSession): StoredSession {
  return session;
}

/** The key under which a token's access reviews are cached: a digest, never the token. */
export function tokenAccessKey(token: string): string {
  return `token:${createHash('sha256').update(token).digest('base64url')}`;
}

const holder = globalThis as { __weirTokenSessions?: TokenSessions };

/**
 * The process's sessions (on globalThis so that Next's dev reloads keep them): shared through
 * the cluster when WEIR_SESSION_NAMESPACE is set, else in memory.
 */
export function tokenSessions(): TokenSessions {
  holder.__weirTokenSessions ??= new TokenSessions(Date.now, sharedSessionBackend());
  return holder.__weirTokenSessions;
}
