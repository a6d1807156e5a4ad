/**
 * The sign-in page for someone whose session has ended (a restart, an expiry, a forged
 * cookie): told why, and sent back to `here` (a path on Weir with its query) afterwards.
 */
export function sessionExpiredSignIn(here: string): string {
  return `/sign-in?error=session_expired&next=${encodeURIComponent(here)}`;
}
