import { Suspense } from 'react';
import { Dashboard } from '@/components/dashboard';

export default function Page() {
  // The dashboard reads the namespace choice from the URL, which is only known in the browser.
  return (
    <Suspense>
      <Dashboard />
    </Suspense>
  );
}
