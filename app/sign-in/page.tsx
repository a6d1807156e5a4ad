import type { Metadata } from 'next';
import Link from 'next/link';
import { SignInForm } from '@/components/auth/sign-in-form';
import { readConfig } from '@/lib/server/config';

export const metadata: Metadata = { title: 'Sign in · Weir' };

/** Sign-in with a Kubernetes bearer token (WEIR_AUTH=token); other strategies need none. */
export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { auth } = readConfig();
  const { next } = await searchParams;
  return (
    <main className="flex h-dvh items-center justify-center bg-slate-50 px-4">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-lg font-bold tracking-tight text-slate-900">Weir</h1>
        {auth === 'token' ? (
          <SignInForm next={next} />
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
