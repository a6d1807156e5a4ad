// Go measures strings in UTF-8 bytes.
const ENCODER = new TextEncoder();
// Names, hosts, addresses, ports, labels and durations as Istio's admission validation checks
// them. Each helper mirrors one Go function of the pinned istio.io/istio (named in its
// comment) and answers Istio's message, or undefined when the value is accepted.

// pkg/config/labels/instance.go
const DNS1123_LABEL = '[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?';
const QUALIFIED_NAME = '(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const DNS_NAME_PREFIX = `${DNS1123_LABEL}(?:\\.${DNS1123_LABEL})*/`;
const dns1123Label = new RegExp(`^${DNS1123_LABEL}$`);
const wildcardPrefix = new RegExp(`^(\\*|(\\*|\\*-)?${DNS1123_LABEL})$`);
const tagKey = new RegExp(`^(${DNS_NAME_PREFIX})?(${QUALIFIED_NAME})$`);
const labelValue = new RegExp(`^(${QUALIFIED_NAME})?$`);

/** labels.IsDNS1123Label */
export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && dns1123Label.test(value);
}

/** labels.IsWildcardDNS1123Label */
function isWildcardDns1123Label(value: string): boolean {
  return value.length <= 63 && wildcardPrefix.test(value);
}

/** labels.Instance.Validate: keys are qualified names with an optional DNS prefix, values qualified names or empty. */
export function labelsProblems(labels: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(labels)) {
    const match = tagKey.exec(key);
    if (!match) problems.push(`invalid tag key: ${JSON.stringify(key)}`);
    else if (match[1] && match[1].length - 1 > 253)
      problems.push(`invalid tag key: ${JSON.stringify(key)} (DNS prefix is too long)`);
    else if ((match[2] ?? '').length > 63)
      problems.push(`invalid tag key: ${JSON.stringify(key)} (name is too long)`);
    const text = typeof value === 'string' ? value : '';
    if (!labelValue.test(text)) problems.push(`invalid tag value: ${JSON.stringify(text)}`);
  }
  return problems;
}

/** Go measures strings in bytes. */
function byteLength(value: string): number {
  return ENCODER.encode(value).length;
}

/** agent.CheckDNS1123Preconditions */
function dnsPreconditions(name: string): string | undefined {
  if (byteLength(name) > 255) return `domain name ${JSON.stringify(name)} too long (max 255)`;
  if (name.length === 0) return 'empty domain name not allowed';
  return undefined;
}

/** agent.ValidateDNS1123Labels */
function dns1123Labels(domain: string): string | undefined {
  const parts = domain.split('.');
  const top = parts[parts.length - 1] ?? '';
  // Go's strconv.Atoi: an optional sign and decimal digits.
  if (/^[+-]?\d+$/.test(top))
    return `domain name ${JSON.stringify(domain)} invalid (top level domain ${JSON.stringify(top)} cannot be all-numeric)`;
  for (const [index, label] of parts.entries()) {
    if (index === parts.length - 1 && label === '') return undefined;
    if (!isDns1123Label(label))
      return `domain name ${JSON.stringify(domain)} invalid (label ${JSON.stringify(label)} invalid)`;
  }
  return undefined;
}

/** agent.ValidateFQDN */
export function fqdnProblem(fqdn: string): string | undefined {
  return dnsPreconditions(fqdn) ?? dns1123Labels(fqdn);
}

/** agent.ValidateWildcardDomain: an FQDN whose first label may be a wildcard (`*`, `*.x`, `*-x.y`). */
export function wildcardDomainProblem(domain: string): string | undefined {
  const pre = dnsPreconditions(domain);
  if (pre) return pre;
  const dot = domain.indexOf('.');
  const first = dot < 0 ? domain : domain.slice(0, dot);
  if (!isWildcardDns1123Label(first))
    return `domain name ${JSON.stringify(domain)} invalid (label ${JSON.stringify(first)} invalid)`;
  return dot < 0 ? undefined : dns1123Labels(domain.slice(dot + 1));
}

/**
 * agent.ValidateWildcardDomainForVirtualServiceBoundToGateway: as ValidateWildcardDomain, but
 * an SNI host may be the name AUTO_PASSTHROUGH generates, `outbound_.<port>_._.<host>`.
 */
export function gatewayBoundDomainProblem(sni: boolean, domain: string): string | undefined {
  const pre = dnsPreconditions(domain);
  if (pre) return pre;
  if (sni && domain.startsWith('outbound_')) {
    const parts = domain.split('_');
    const format = 'outbound_.<port>_._.<hostname>';
    if (parts.length < 4) return `domain name ${domain} invalid, should follow '${format}' format`;
    const direction = parts[0] ?? '';
    const port = trimDots(parts[1] ?? '');
    const hostname = trimDots(parts[3] ?? '');
    if (direction !== 'outbound')
      return `domain name ${JSON.stringify(domain)} invalid (label ${JSON.stringify(direction)} invalid)`;
    if (!/[0-9]/.test(port))
      return `domain name ${JSON.stringify(domain)} invalid (label ${JSON.stringify(port)} invalid). should follow ${format} format`;
    if (!/[a-zA-Z]/.test(hostname))
      return `domain name ${JSON.stringify(domain)} invalid (label ${JSON.stringify(hostname)} invalid). should follow ${format} format`;
    return undefined;
  }
  return wildcardDomainProblem(domain);
}

function trimDots(value: string): string {
  return value.replace(/^\.+|\.+$/g, '');
}

/** netip.ParseAddr's IPv4: four decimal fields up to 255, no leading zeros. */
function isIpv4(value: string): boolean {
  const fields = value.split('.');
  return fields.length === 4 && fields.every((f) => /^(0|[1-9]\d{0,2})$/.test(f) && Number(f) <= 255);
}

/** netip.ParseAddr's IPv6: up to 8 groups of 1–4 hex digits, one `::`, an IPv4 tail, a zone. */
function isIpv6(value: string): boolean {
  const percent = value.indexOf('%');
  if (percent === value.length - 1) return false;
  const address = percent < 0 ? value : value.slice(0, percent);
  const halves = address.split('::');
  if (halves.length > 2) return false;
  const groups = (text: string) => (text === '' ? [] : text.split(':'));
  const all = halves.flatMap(groups);
  let count = all.length;
  const last = all[all.length - 1];
  if (last?.includes('.')) {
    if (!isIpv4(last)) return false;
    all.pop();
    count += 1;
  }
  if (!all.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** netutil.IsValidIPAddress (netip.ParseAddr). */
export function isIpAddress(value: string): boolean {
  return value.includes(':') ? isIpv6(value) : isIpv4(value);
}

/** agent.ValidateIPAddress */
export function ipProblem(address: string): string | undefined {
  return isIpAddress(address) ? undefined : `${address} is not a valid IP`;
}

/** agent.ValidateIPSubnet: `a.b.c.d/n`, `2001:1::1/64`, or a bare address. */
export function subnetProblem(subnet: string): string | undefined {
  if ((subnet.match(/\//g) ?? []).length === 1) {
    // netip.ParsePrefix: no zone, bits in decimal without leading zeros.
    const [address = '', bits = ''] = subnet.split('/');
    const max = address.includes(':') ? 128 : 32;
    const ok =
      !address.includes('%') &&
      isIpAddress(address) &&
      /^(0|[1-9]\d{0,2})$/.test(bits) &&
      Number(bits) <= max;
    return ok ? undefined : `${subnet} is not a valid CIDR block`;
  }
  return ipProblem(subnet);
}

/** agent.ValidatePartialWildCard */
export function partialWildcardProblem(host: string): string | undefined {
  return host.includes('*') && host.length !== 1 && !host.startsWith('*.')
    ? `partial wildcard ${JSON.stringify(host)} not allowed`
    : undefined;
}

/** agent.ValidatePort */
export function portProblem(port: number): string | undefined {
  return Number.isInteger(port) && port >= 1 && port <= 65535
    ? undefined
    : `port number ${port} must be in the range 1..65535`;
}

/** pkg/config/protocol Parse: the protocol Istio reads a port name as, or undefined when unsupported. */
export function parseProtocol(value: string): string | undefined {
  const known: Record<string, string> = {
    tcp: 'TCP',
    udp: 'UDP',
    grpc: 'GRPC',
    'grpc-web': 'GRPC-Web',
    http: 'HTTP',
    http_proxy: 'HTTP_PROXY',
    http2: 'HTTP2',
    https: 'HTTPS',
    tls: 'TLS',
    mongo: 'Mongo',
    redis: 'Redis',
    mysql: 'MySQL',
  };
  return known[value.toLowerCase()];
}

/** protocol.Instance.IsHTTP */
export function isHttpProtocol(protocol: string | undefined): boolean {
  return ['HTTP', 'HTTP2', 'HTTP_PROXY', 'GRPC', 'GRPC-Web'].includes(protocol ?? '');
}

/** protocol.Instance.IsTLS */
export function isTlsProtocol(protocol: string | undefined): boolean {
  return protocol === 'HTTPS' || protocol === 'TLS';
}

/** protocol.Instance.IsTCP */
export function isTcpProtocol(protocol: string | undefined): boolean {
  return ['TCP', 'HTTPS', 'TLS', 'Mongo', 'Redis', 'MySQL'].includes(protocol ?? '');
}

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  µs: 1000n,
  μs: 1000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/**
 * Go's time.ParseDuration, which Istio's JSON decoding uses for every Duration field
 * (github.com/golang/protobuf jsonpb): nanoseconds, or undefined when Go refuses the text.
 */
export function parseGoDuration(text: string): bigint | undefined {
  let rest = text;
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest.startsWith('-');
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') return undefined;
  let total = 0n;
  while (rest !== '') {
    const match = /^(\d*)(?:\.(\d*))?([^\d.]+)/.exec(rest);
    if (!match) return undefined;
    const [all, whole = '', fraction = '', unitText = ''] = match;
    if (whole === '' && fraction === '') return undefined;
    const unit = UNITS[unitText];
    if (unit === undefined) return undefined;
    let value = BigInt(whole || '0') * unit;
    if (fraction !== '') value += (BigInt(fraction) * unit) / 10n ** BigInt(fraction.length);
    total += value;
    if (total > 9_223_372_036_854_775_807n) return undefined;
    rest = rest.slice(all.length);
  }
  return negative ? -total : total;
}

/** agent.ValidateDuration: at least 1ms and whole milliseconds. */
export function durationProblem(nanoseconds: bigint): string | undefined {
  if (nanoseconds < 1_000_000n) return 'duration must be greater than 1ms';
  if (nanoseconds % 1_000_000n !== 0n) return 'only durations to ms precision are supported';
  return undefined;
}
