const HERE = 'http://weir.invalid';

// `//host` and `/\host` are addresses on another site to a browser.
const onWeir = (path: string) => path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\');

/** Where to go after signing in: a path on Weir itself, never another site (`//evil`, `https:`). */
export function safeNext(next: string | undefined): string {
  if (!next || !onWeir(next)) return '/';
  // Browsers drop tabs and newlines from addresses: "/\t/evil.example" would become "//evil.example".
  const url = new URL(next, HERE);
  if (url.origin !== HERE) return '/';
  // Normalising dot segments can make a host of the path ("/.//evil.example" → "//evil.example"),
  // so the answer, not only the input, must be a path on Weir.
  const path = `${url.pathname}${url.search}${url.hash}`;
  return onWeir(path) ? path : '/';
}
