'use client';

import { type FormEvent, useState } from 'react';
import { isApiError } from '@/lib/client/api-error';
import { apiFetch } from '@/lib/client/api-fetch';
import { safeNext } from '@/lib/url/safe-next';

/**
 * Paste a Kubernetes bearer token; the server checks it with the API server and keeps it.
 * The browser holds only an httpOnly session cookie afterwards.
 */
export function SignInForm({ next, ended = false }: { next?: string; ended?: boolean }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await apiFetch('/api/auth/sign-in', { method: 'POST', body: { token } });
      setToken('');
      window.location.assign(safeNext(next));
    } catch (caught) {
      setBusy(false);
      if (isApiError(caught) && caught.status === 401) setError('The cluster does not accept this token.');
      else setError(caught instanceof Error ? caught.message : String(caught));
    }
  };

  return (
    <form className="mt-3 flex flex-col gap-3" onSubmit={submit}>
      {ended && (
        <p role="status" className="text-sm font-medium text-amber-800">
          Your session has ended. Sign in again.
        </p>
      )}
      <p className="text-sm text-slate-700">
        Sign in with a Kubernetes bearer token. Weir asks the cluster who it belongs to, and shows and changes
        only what that identity may.
      </p>
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
        Token
        <input
          type="password"
          name="token"
          autoComplete="off"
          spellCheck={false}
          required
          className="rounded-md border border-slate-300 px-2.5 py-1.5 font-mono text-sm font-normal"
          value={token}
          onChange={(event) => setToken(event.target.value)}
        />
      </label>
      {error && (
        <p role="alert" className="rounded bg-red-50 px-2 py-1.5 text-sm text-red-800">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={busy || token.trim() === ''}
        className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 disabled:cursor-not-allowed disabled:opacity-50"
      >
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      <p className="text-xs text-slate-500">
        For example <code className="font-mono">kubectl create token &lt;service-account&gt;</code>, or the
        token from your kubeconfig. It stays on Weir&apos;s server and is forgotten when you sign out.
      </p>
    </form>
  );
}

/**
 * Sign in at the OpenID provider (WEIR_AUTH=oidc): a plain link to the start route, which
 * redirects there; the problem from the last attempt, if any, in words.
 */
export function OidcSignIn({
  providerName,
  next,
  problem,
}: {
  providerName: string;
  next?: string;
  problem?: string;
}) {
  const start = `/api/auth/oidc/start${next ? `?next=${encodeURIComponent(safeNext(next))}` : ''}`;
  return (
    <div className="mt-3 flex flex-col gap-3">
      <p className="text-sm text-slate-700">
        Sign in at {providerName}. Weir then shows and changes only what your identity may in the cluster.
      </p>
      {problem && (
        <p role="alert" className="rounded bg-red-50 px-2 py-1.5 text-sm text-red-800">
          {problem}
        </p>
      )}
      <a
        href={start}
        className="rounded-md bg-sky-700 px-3 py-1.5 text-center text-sm font-medium text-white hover:bg-sky-800"
      >
        Sign in with {providerName}
      </a>
      <p className="text-xs text-slate-500">
        Weir keeps your sign-in on its server; the browser holds only a session cookie, ended when you sign
        out.
      </p>
    </div>
  );
}
