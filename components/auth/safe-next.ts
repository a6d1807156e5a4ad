const HERE = 'http://weir.invalid';

/** Where to go after signing in: a path on Weir itself, never another site (`//evil`, `https:`). */
export function safeNext(next: string | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  // Browsers drop tabs and newlines from addresses: "/\t/evil.example" would become "//evil.example".
  const url = new URL(next, HERE);
  if (url.origin !== HERE) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
