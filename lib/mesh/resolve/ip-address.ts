// Istio leaves a host that is an IP address as written (netutil.IsValidIPAddress in
// ResolveShortnameToFQDN). An IPv6 address has no dot, so without this check it would be
// taken for a short name.

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Whether `host` is an IPv4 or IPv6 address (as Go's netip.ParseAddr would accept it, zones aside). */
export function isIpAddress(host: string): boolean {
  if (IPV4.test(host)) return true;
  if (!host.includes(':')) return false;
  try {
    // The URL parser knows IPv6 in all its shortened forms; a host it rewrites is not one.
    return new URL(`http://[${host}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}
