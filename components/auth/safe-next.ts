/** Where to go after signing in: a path on Weir itself, never another site (`//evil`, `https:`). */
export function safeNext(next: string | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
