import type { HopData } from './types';

/**
 * A hop in brief, as its edge shows it: `443/TLS · SNI edition.cnn.com · PASSTHROUGH` into an
 * egress gateway, `443/HTTPS · originates TLS SIMPLE · credential client-cert` toward an
 * external host. The credential is named, never read.
 */
export function describeHop(hop: HopData | undefined): string {
  if (!hop) return '';
  const listener =
    hop.port !== undefined ? `${hop.port}${hop.protocol ? `/${hop.protocol}` : ''}` : hop.protocol;
  const sni = hop.sni && hop.sni.length > 0 ? `SNI ${hop.sni.join(', ')}` : undefined;
  const tls = hop.tls
    ? hop.tlsFrom === 'destinationRule'
      ? `originates TLS ${hop.tls}`
      : hop.tls
    : undefined;
  const credential = hop.credential ? `credential ${hop.credential}` : undefined;
  const inferred = hop.inferred ? 'inferred' : undefined;
  return [listener, sni, tls, credential, inferred].filter(Boolean).join(' · ');
}
