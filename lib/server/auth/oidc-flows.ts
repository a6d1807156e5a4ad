import 'server-only';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { SignInProblem } from './oidc-problems';

/** One sign-in under way: what the callback must see again, and where to go afterwards. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** A same-origin path (safeNext) to return to. */
  next: string;
  createdAt: number;
}

/** How long a person has at the provider before the sign-in must start again. */
export const FLOW_TTL_MS = 10 * 60 * 1000;
const MAX_PENDING = 10_000;

/**
 * Sign-ins under way, kept on the server under a random id the browser holds in a short-lived
 * httpOnly cookie. The callback must come back to the same browser with the same state, once.
 */
export class PendingSignIns {
  private readonly flows = new Map<string, PendingSignIn>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Keeps a new flow and answers the id to put in the browser's cookie. */
  begin(flow: Omit<PendingSignIn, 'createdAt'>): string {
    this.sweep();
    const id = randomBytes(32).toString('base64url');
    this.flows.set(id, { ...flow, createdAt: this.now() });
    return id;
  }

  /** The flow this browser started, used up; a SignInProblem when it is unknown, old or for another state. */
  take(id: string | undefined, state: string | null): PendingSignIn {
    const flow = id ? this.flows.get(id) : undefined;
    if (id) this.flows.delete(id);
    if (!flow || this.now() - flow.createdAt > FLOW_TTL_MS) {
      throw new SignInProblem('flow_expired', 'no sign-in under way in this browser, or it expired');
    }
    if (!state || !sameText(state, flow.state)) {
      throw new SignInProblem('flow_expired', 'the state the provider sent back is not this sign-in’s');
    }
    return flow;
  }

  get size(): number {
    return this.flows.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, flow] of this.flows) if (now - flow.createdAt > FLOW_TTL_MS) this.flows.delete(id);
    // A flood of abandoned sign-ins must not grow memory without bound: the oldest go first.
    for (const id of this.flows.keys()) {
      if (this.flows.size < MAX_PENDING) break;
      this.flows.delete(id);
    }
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const holder = globalThis as { __weirPendingSignIns?: PendingSignIns };

/** The process's sign-ins under way (on globalThis so that Next's dev reloads keep them). */
export function pendingSignIns(): PendingSignIns {
  holder.__weirPendingSignIns ??= new PendingSignIns();
  return holder.__weirPendingSignIns;
}
