import type { Metadata } from 'next';
import Link from 'next/link';
import { OidcSignIn, SignInForm } from '@/components/auth/sign-in-form';
import { OidcConfigError, readOidcConfig } from '@/lib/server/auth/oidc-config';
import { describeSignInProblem } from '@/lib/server/auth/oidc-problems';
import { readConfig } from '@/lib/server/config';

export const metadata: Metadata = { title: 'Sign in · Weir' };

type Params = { next?: string | string[]; error?: string | string[] };
const one = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);

/**
 * Sign-in: paste a Kubernetes bearer token (WEIR_AUTH=token), or go to the OpenID provider
 * (WEIR_AUTH=oidc), with what went wrong last time in words. Other strategies need none.
 */
export default async function SignInPage({ searchParams }: { searchParams: Promise<Params> }) {
  const { auth } = readConfig();
  const params = await searchParams;
  const next = one(params.next);
  return (
    <main className="flex h-dvh items-center justify-center bg-slate-50 px-4">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-lg font-bold tracking-tight text-slate-900">Weir</h1>
        {auth === 'token' ? (
          <SignInForm next={next} ended={one(params.error) === 'session_expired'} />
        ) : auth === 'oidc' ? (
          oidcSignIn(next, one(params.error))
        ) : (
          <p className="mt-3 text-sm text-slate-700">
            This Weir does not use sign-in (WEIR_AUTH={auth}).{' '}
            <Link className="text-sky-700 underline" href="/">
              Open the dashboard
            </Link>
            .
          </p>
        )}
      </div>
    </main>
  );
}

function oidcSignIn(next: string | undefined, error: string | undefined) {
  try {
    const { providerName } = readOidcConfig();
    return (
      <OidcSignIn
        providerName={providerName}
        next={next}
        problem={error ? describeSignInProblem(error, providerName) : undefined}
      />
    );
  } catch (caught) {
    if (!(caught instanceof OidcConfigError)) throw caught;
    return (
      <div role="alert" className="mt-3 text-sm text-slate-700">
        <p className="font-medium text-red-800">Sign-in is not set up correctly on this Weir.</p>
        <p className="mt-1">Whoever runs it needs to fix these settings and restart it:</p>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-red-800">
          {caught.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      </div>
    );
  }
}
