import 'server-only';
import { createHash } from 'node:crypto';
import https from 'node:https';
import { createSecureContext } from 'node:tls';

/**
 * Connections kept open between requests, one pool per API server and TLS identity.
 * client-node hands every request a new Agent, so each request paid a TCP connect and a TLS
 * handshake of its own: seeding the 1,000-VirtualService bench mesh (7,000 requests) took
 * 316 s on a loaded machine, and each write of a drag paid it again.
 */
const pools = new Map<string, https.Agent>();
/** A kubeconfig holds one CA and at most a few client certificates; more means churn. */
const MAX_POOLS = 32;
/**
 * An idle socket is closed after this: below Go's HTTP server idle timeouts, so a reused
 * socket is one the API server still holds (as Node's own global agent does, 5 s).
 */
const IDLE_MS = 5_000;

type TlsOptions = Pick<
  https.RequestOptions,
  'ca' | 'cert' | 'key' | 'pfx' | 'passphrase' | 'rejectUnauthorized' | 'servername'
>;

/** The kept-alive agent for `server` and these TLS options (as client-node's applyToHTTPSOptions set them). */
export function pooledAgent(server: string, tls: TlsOptions): https.Agent {
  const key = poolKey(server, tls);
  const held = pools.get(key);
  if (held) return held;
  if (pools.size >= MAX_POOLS) {
    // Forgotten, not destroyed: a write may be under way on one of its sockets (destroying it
    // would make that write's outcome unknown); its idle sockets close within IDLE_MS.
    const oldest = pools.keys().next().value as string;
    pools.delete(oldest);
  }
  const agent = new https.Agent({
    keepAlive: true,
    timeout: IDLE_MS,
    ca: tls.ca,
    cert: tls.cert,
    key: tls.key,
    pfx: tls.pfx,
    passphrase: tls.passphrase,
    // One TLS context for every connection of the pool: built per connection, it took 0.2 s of
    // a 10k fan-out's CPU profile, where busy moments open dozens of connections at once.
    secureContext: createSecureContext({
      ca: tls.ca,
      cert: tls.cert,
      key: tls.key,
      pfx: tls.pfx,
      passphrase: tls.passphrase,
    }),
    servername: tls.servername,
    ...(tls.rejectUnauthorized !== undefined && { rejectUnauthorized: tls.rejectUnauthorized }),
  });
  pools.set(key, agent);
  return agent;
}

function poolKey(server: string, tls: TlsOptions): string {
  const hash = createHash('sha256').update(server);
  for (const part of [tls.ca, tls.cert, tls.key, tls.pfx, tls.passphrase, tls.servername]) {
    hash.update('\0');
    if (part !== undefined)
      hash.update(typeof part === 'string' || Buffer.isBuffer(part) ? part : JSON.stringify(part));
  }
  hash.update(`\0${tls.rejectUnauthorized}`);
  return hash.digest('hex');
}
