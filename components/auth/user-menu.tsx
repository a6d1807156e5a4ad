'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { SessionAnswer } from '@/lib/api/session';
import { isApiError } from '@/lib/client/api-error';
import { apiFetch } from '@/lib/client/api-fetch';
import { sessionQuery } from '@/lib/client/queries';
import { sessionExpiredSignIn } from '@/lib/url/session-expired';
import { ReportDialog } from '../report/report-dialog';

/**
 * Who is signed in, and a sign-out button where there is a session to end. When the server
 * says the session is gone (a restart, an expiry), the page goes to the sign-in page.
 */
export function UserMenu({ session }: { session?: SessionAnswer }) {
  const query = useQuery(sessionQuery());
  const [leaving, setLeaving] = useState(false);
  const error = query.error;
  const mustSignIn =
    isApiError(error) &&
    error.status === 401 &&
    Boolean((error.details as { signIn?: string } | undefined)?.signIn);

  useEffect(() => {
    if (!mustSignIn) return;
    // Back to this very view afterwards, told why the sign-in page is showing.
    window.location.assign(sessionExpiredSignIn(`${window.location.pathname}${window.location.search}`));
  }, [mustSignIn]);

  if (!session) return null;
  const title = session.groups?.length
    ? `Signed in as ${session.user} (${session.groups.join(', ')})`
    : 'Signed in as';
  const signOut = async () => {
    setLeaving(true);
    try {
      await apiFetch('/api/auth/sign-out', { method: 'POST', body: {} });
    } finally {
      window.location.assign('/sign-in');
    }
  };
  return (
    <span className="flex items-center gap-2">
      <ReportDialog />
      <span className="text-slate-700" title={title} data-testid="signed-in-user">
        {session.user}
      </span>
      {session.signOut && (
        <button
          type="button"
          disabled={leaving}
          className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50"
          onClick={() => void signOut()}
        >
          Sign out
        </button>
      )}
    </span>
  );
}
