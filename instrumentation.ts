/**
 * Runs once when the server starts (Next calls it before serving the first request): refuses
 * an address anyone could reach when nobody signs in, makes SIGTERM drain gracefully, and
 * times and logs every request.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { refuseUnsafeListen } = await import('./lib/server/listen-address');
  refuseUnsafeListen();
  const { installShutdown } = await import('./lib/server/lifecycle');
  installShutdown();
  const { observeHttp } = await import('./lib/server/http-observer');
  observeHttp();
}
