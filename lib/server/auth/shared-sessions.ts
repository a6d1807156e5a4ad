import 'server-only';
import { z } from 'zod';
import { SessionSecrets } from '../../kube/session-secrets';
import { UnavailableError } from '../../mesh/errors';
import { readConfig } from '../config';
import { getStore } from '../store';
import { type SessionBackend, type StoredSession, sessionExpired } from './token-sessions';

/** Expired sessions' Secrets are removed at most this often (by whichever replica signs someone in). */
const SWEEP_MS = 10 * 60 * 1000;

const storedSession = z.object({
  token: z.string(),
  user: z.string(),
  groups: z.array(z.string()),
  createdAt: z.number(),
  lastSeenAt: z.number(),
  oidc: z
    .object({ expiresAt: z.number(), subject: z.string(), refreshToken: z.string().optional() })
    .optional(),
});

/**
 * Sessions shared through the cluster when WEIR_SESSION_NAMESPACE is set (the chart sets it to
 * its own namespace): one Secret per session, written with Weir's own credential. A Secret
 * that does not parse counts as no session.
 */
export function sharedSessionBackend(): SessionBackend | undefined {
  const namespace = readConfig().sessionNamespace;
  if (!namespace) return undefined;
  const secrets = new SessionSecrets(async () => {
    const { kube } = await getStore();
    if (!kube) throw new UnavailableError('WEIR_SESSION_NAMESPACE needs a cluster to keep sessions in');
    return kube;
  }, namespace);
  let sweptAt = 0;
  const sweep = async () => {
    const now = Date.now();
    for (const { name, value } of await secrets.list()) {
      const parsed = storedSession.safeParse(value);
      if (!parsed.success || sessionExpired(parsed.data, now)) await secrets.removeByName(name);
    }
  };
  return {
    async save(id, session) {
      await secrets.save(id, session);
      if (Date.now() - sweptAt > SWEEP_MS) {
        sweptAt = Date.now();
        sweep().catch((error) => console.error('weir: removing expired sessions failed:', error));
      }
    },
    async load(id): Promise<StoredSession | undefined> {
      const parsed = storedSession.safeParse(await secrets.load(id));
      return parsed.success ? parsed.data : undefined;
    },
    remove: (id) => secrets.remove(id),
  };
}
