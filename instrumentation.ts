/**
 * Runs once when the server starts (Next calls it before serving the first request): checks
 * the settings, refuses an address anyone could reach when nobody signs in, makes SIGTERM drain gracefully,
 * times and logs every request, and collects what a burst of use left once the server is quiet.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // A malformed setting (WEIR_ISTIO_ROOT_NAMESPACE, WEIR_NAMESPACES …) stops the start with
  // an error naming the variable, not the first request.
  const { refuseBadConfig } = await import('./lib/server/config');
  refuseBadConfig();
  const { refuseUnsafeListen } = await import('./lib/server/listen-address');
  refuseUnsafeListen();
  const { installShutdown } = await import('./lib/server/lifecycle');
  installShutdown();
  const { observeHttp } = await import('./lib/server/http-observer');
  observeHttp();
  const { collectWhenIdle } = await import('./lib/server/idle-gc');
  const { log } = await import('./lib/server/log');
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  collectWhenIdle({
    onCollect: (before, after, ms) =>
      log().info({ heldMb: mb(before), afterMb: mb(after), ms: Math.round(ms) }, 'collected while idle'),
  });
}
