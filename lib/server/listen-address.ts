import { isIP } from 'node:net';
import type { Env } from './config';

/**
 * The address this server listens on: `next start -H <host>` (what `npm start` passes from
 * WEIR_HOST), the standalone server's HOSTNAME (the container image), or, with neither,
 * every interface (Next's own default).
 */
export function listenAddress(argv: readonly string[], env: Env): string {
  if (env.__NEXT_PRIVATE_STANDALONE_CONFIG) return env.HOSTNAME || '0.0.0.0';
  for (const [i, arg] of argv.entries()) {
    const next = argv[i + 1];
    if ((arg === '-H' || arg === '--hostname') && next) return next;
    if (arg.startsWith('--hostname=')) return arg.slice('--hostname='.length);
  }
  return '0.0.0.0';
}

/** Whether only this machine can reach `host`: localhost, 127.0.0.0/8 or ::1. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./.test(bare);
  return false;
}

/**
 * Why Weir must not serve on `host`, or undefined when it may: with WEIR_AUTH=local nobody
 * signs in and everything is done with this server's own credential, so only this machine
 * may reach it unless someone says, with WEIR_ALLOW_UNAUTHENTICATED_NETWORK=true, that
 * something else (a network policy, an authenticating proxy) already decides who gets in.
 */
export function listenRefusal(host: string, env: Env): string | undefined {
  const auth = env.WEIR_AUTH || 'local';
  if (auth !== 'local' || isLoopback(host) || env.WEIR_ALLOW_UNAUTHENTICATED_NETWORK === 'true')
    return undefined;
  return (
    `weir: refusing to listen on ${host} with WEIR_AUTH=local: nobody signs in with local, so anyone who ` +
    "can reach this address would read and change routing with this server's own Kubernetes credential " +
    '(or its folder). Listen on 127.0.0.1 (the default; WEIR_HOST), have people sign in (WEIR_AUTH=token, ' +
    'oidc or header), or set WEIR_ALLOW_UNAUTHENTICATED_NETWORK=true when a network policy or proxy ' +
    'already decides who can reach it.'
  );
}

/** Ends the process, saying why, when this server must not listen where it does. */
export function refuseUnsafeListen(): void {
  const refusal = listenRefusal(listenAddress(process.argv, process.env), process.env);
  if (!refusal) return;
  console.error(refusal);
  process.exit(1);
}
