import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';
import './globals.css';

export const metadata: Metadata = {
  title: 'Weir',
  description: 'Visual traffic management for an Istio service mesh',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered per request, so that Next can put the CSP nonce from proxy.ts on its scripts.
  await connection();
  return (
    <html lang="en">
      <body className="h-dvh overflow-hidden bg-slate-50 text-slate-900 antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
