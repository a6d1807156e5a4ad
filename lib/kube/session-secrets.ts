import 'server-only';
import { createHash } from 'node:crypto';
import type { KubeConfig } from '@kubernetes/client-node';
import { kubeRequest } from './request';

/** The label every session Secret carries (for listing them, and for people reading the namespace). */
export const SESSION_LABEL = 'weir.dev/session';

interface SecretObject {
  metadata?: { name?: string; creationTimestamp?: string };
  data?: Record<string, string>;
}

/**
 * Sign-in sessions kept as Secrets in one namespace (Weir's own), one per session, named by a
 * digest of the session id: the name never reveals the id the browser holds.
 */
export class SessionSecrets {
  constructor(
    private readonly kc: () => Promise<KubeConfig>,
    private readonly namespace: string,
  ) {}

  /** The Secret's name for a session id. */
  static nameOf(id: string): string {
    return `weir-session-${createHash('sha256').update(id).digest('hex').slice(0, 40)}`;
  }

  async save(id: string, value: unknown): Promise<void> {
    const name = SessionSecrets.nameOf(id);
    const body = {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'weir.dev/session',
      metadata: {
        name,
        namespace: this.namespace,
        labels: { [SESSION_LABEL]: 'true', 'app.kubernetes.io/managed-by': 'weir' },
      },
      data: { session: Buffer.from(JSON.stringify(value)).toString('base64') },
    };
    const kc = await this.kc();
    try {
      await kubeRequest(kc, { method: 'PUT', path: this.path(name), body, timeoutMs: 5_000 });
    } catch (error) {
      if ((error as { code?: string }).code !== 'NotFound') throw error;
      await kubeRequest(kc, { method: 'POST', path: this.path(), body, timeoutMs: 5_000 });
    }
  }

  /** The session's stored value, or undefined when there is none (ended, or never made). */
  async load(id: string): Promise<unknown> {
    try {
      const secret = await kubeRequest<SecretObject>(await this.kc(), {
        method: 'GET',
        path: this.path(SessionSecrets.nameOf(id)),
        timeoutMs: 5_000,
      });
      const data = secret.data?.session;
      return data ? JSON.parse(Buffer.from(data, 'base64').toString('utf8')) : undefined;
    } catch (error) {
      if ((error as { code?: string }).code === 'NotFound') return undefined;
      throw error;
    }
  }

  async remove(id: string): Promise<void> {
    try {
      await kubeRequest(await this.kc(), {
        method: 'DELETE',
        path: this.path(SessionSecrets.nameOf(id)),
        timeoutMs: 5_000,
      });
    } catch (error) {
      if ((error as { code?: string }).code !== 'NotFound') throw error;
    }
  }

  /** Every session Secret's name and stored value (for removing expired ones). */
  async list(): Promise<{ name: string; value: unknown }[]> {
    const list = await kubeRequest<{ items?: SecretObject[] }>(await this.kc(), {
      method: 'GET',
      path: this.path(),
      query: { labelSelector: SESSION_LABEL },
      timeoutMs: 10_000,
    });
    return (list.items ?? []).flatMap((secret) => {
      const data = secret.data?.session;
      const name = secret.metadata?.name;
      if (!data || !name) return [];
      try {
        return [{ name, value: JSON.parse(Buffer.from(data, 'base64').toString('utf8')) }];
      } catch {
        return [{ name, value: undefined }];
      }
    });
  }

  /** Removes a session Secret by its name (one found expired by list). */
  async removeByName(name: string): Promise<void> {
    await kubeRequest(await this.kc(), { method: 'DELETE', path: this.path(name), timeoutMs: 5_000 }).catch(
      () => undefined,
    );
  }

  private path(name?: string): string {
    const base = `/api/v1/namespaces/${encodeURIComponent(this.namespace)}/secrets`;
    return name ? `${base}/${encodeURIComponent(name)}` : base;
  }
}
