// ValidateGateway (pkg/config/validation/validation.go) rule by rule.
import { arr, type Json, type Problems, rec, str } from './fields';
import {
  ipProblem,
  isDns1123Label,
  isHttpProtocol,
  isIpAddress,
  isTlsProtocol,
  parseProtocol,
  partialWildcardProblem,
  portProblem,
  wildcardDomainProblem,
} from './names';

export function gatewayProblems(name: string, spec: Json, out: Problems): void {
  // Gateway name must conform to the DNS label format (no dots).
  if (!isDns1123Label(name))
    out.add('GW_NAME_INVALID', 'metadata.name', `invalid gateway name: ${JSON.stringify(name)}`);
  const servers = arr(spec.servers);
  if (servers.length === 0) out.add('GW_NO_SERVERS', 'spec.servers', 'gateway must have at least one server');
  const portNames = new Set<string>();
  servers.forEach((value, index) => {
    const path = `spec.servers[${index}]`;
    const server = rec(value);
    if (!server) {
      out.add('GW_SERVER_PORT_INVALID', path, 'cannot have nil server');
      return;
    }
    serverProblems(server, path, out);
    // Ensure unique port names.
    const port = rec(server.port);
    if (port) {
      const portName = str(port.name);
      if (portNames.has(portName))
        out.add(
          'GW_SERVER_PORT_INVALID',
          `${path}.port.name`,
          `port names in servers must be unique: duplicate name ${portName}`,
        );
      portNames.add(portName);
    }
  });
}

/** validateServer */
function serverProblems(server: Json, path: string, out: Problems): void {
  const hosts = arr(server.hosts);
  if (hosts.length === 0)
    out.add('GW_SERVER_HOST_INVALID', `${path}.hosts`, 'server config must contain at least one host');
  hosts.forEach((host, index) => {
    for (const message of namespaceSlashHostProblems(str(host)))
      out.add('GW_SERVER_HOST_INVALID', `${path}.hosts[${index}]`, message);
  });
  const port = rec(server.port);
  const bind = str(server.bind);
  const portOk = serverPortProblems(port, bind, `${path}.port`, out);
  serverBindProblems(port, bind, `${path}.bind`, out);
  const tls = rec(server.tls);
  if (tls) tlsOptionProblems(tls, `${path}.tls`, out);
  // If the port is HTTPS or TLS, the server has TLS options; plain ports have none.
  if (portOk && port) {
    const protocol = parseProtocol(str(port.protocol));
    if (isTlsProtocol(protocol) && !tls) {
      out.add(
        'GW_SERVER_TLS_INVALID',
        `${path}.tls`,
        'server must have TLS settings for HTTPS/TLS protocols',
      );
    } else if (!isTlsProtocol(protocol) && tls) {
      if (isHttpProtocol(protocol)) {
        // gateway.IsPassThroughServer (mode unset is PASSTHROUGH): what `httpsRedirect: true` alone gives.
        const passThrough = ['', 'PASSTHROUGH', 'AUTO_PASSTHROUGH'].includes(str(tls.mode));
        if (!passThrough || str(tls.caCertificates) || str(tls.privateKey) || str(tls.serverCertificate))
          out.add(
            'GW_SERVER_TLS_INVALID',
            `${path}.tls`,
            'server cannot have TLS settings for plain text HTTP ports',
          );
      } else {
        out.add(
          'GW_SERVER_TLS_INVALID',
          `${path}.tls`,
          'server cannot have TLS settings for non HTTPS/TLS ports',
        );
      }
    }
  }
}

/** validateServerPort: answers whether the port had no error. */
function serverPortProblems(port: Json | undefined, bind: string, path: string, out: Problems): boolean {
  if (!port) {
    out.add('GW_SERVER_PORT_INVALID', path, 'port is required');
    return false;
  }
  const before = out.list.length;
  const protocol = str(port.protocol);
  if (parseProtocol(protocol) === undefined)
    out.add(
      'GW_SERVER_PORT_INVALID',
      `${path}.protocol`,
      `invalid protocol ${JSON.stringify(protocol)}, supported protocols are HTTP, HTTP2, GRPC, GRPC-WEB, MONGO, REDIS, MYSQL, TCP`,
    );
  const number = typeof port.number === 'number' ? port.number : 0;
  if (number > 0 || !bind.startsWith('unix://'))
    out.check('GW_SERVER_PORT_INVALID', `${path}.number`, portProblem(number));
  if (typeof port.targetPort === 'number' && port.targetPort > 0)
    out.add('GW_SERVER_PORT_INVALID', `${path}.targetPort`, 'targetPort has no impact on Gateways');
  if (str(port.name) === '') out.add('GW_SERVER_PORT_INVALID', `${path}.name`, 'port name must be set');
  return out.list.length === before;
}

/** validateServerBind */
function serverBindProblems(port: Json | undefined, bind: string, path: string, out: Problems): void {
  if (bind.startsWith('unix://')) {
    out.check('GW_SERVER_BIND_INVALID', path, unixAddressProblem(bind.slice('unix://'.length)));
    if (port && typeof port.number === 'number' && port.number !== 0)
      out.add('GW_SERVER_BIND_INVALID', path, 'port number must be 0 for unix domain socket');
  } else if (bind !== '') {
    out.check('GW_SERVER_BIND_INVALID', path, ipProblem(bind));
  }
}

/** ValidateUnixAddress */
export function unixAddressProblem(address: string): string | undefined {
  if (address === '') return 'unix address must not be empty';
  if (address.startsWith('@')) return undefined;
  if (!address.startsWith('/') || address.endsWith('/'))
    return `${address} is not an absolute path to a file`;
  return undefined;
}

/** validateTLSOptions (errors only; its cipher and version notes are warnings). */
function tlsOptionProblems(tls: Json, path: string, out: Problems): void {
  const mode = str(tls.mode) || 'PASSTHROUGH';
  const has = (key: string) => str(tls[key]) !== '';
  const many = (key: string) => arr(tls[key]).length > 0;
  const add = (message: string, at = path) => out.add('GW_SERVER_TLS_INVALID', at, message);
  if (mode === 'ISTIO_MUTUAL') {
    // ISTIO_MUTUAL uses Istio's own certificates: any other source is refused.
    if (has('serverCertificate'))
      add('ISTIO_MUTUAL TLS cannot have associated server certificate', `${path}.serverCertificate`);
    if (has('privateKey')) add('ISTIO_MUTUAL TLS cannot have associated private key', `${path}.privateKey`);
    if (has('caCertificates'))
      add('ISTIO_MUTUAL TLS cannot have associated CA bundle', `${path}.caCertificates`);
    if (many('tlsCertificates'))
      add('ISTIO_MUTUAL TLS cannot have associated tlsCertificates', `${path}.tlsCertificates`);
    if (has('credentialName'))
      add('ISTIO_MUTUAL TLS cannot have associated credentialName', `${path}.credentialName`);
    if (many('credentialNames'))
      add('ISTIO_MUTUAL TLS cannot have associated credentialNames', `${path}.credentialNames`);
    return;
  }
  let sources = 0;
  if (has('serverCertificate') && has('privateKey')) sources++;
  if (has('credentialName')) sources++;
  if (many('credentialNames')) sources++;
  if (many('tlsCertificates')) sources++;
  if (sources > 1)
    add(
      'only one of credential_name, credential_names, server_certificate/private_key, tls_certificates should be specified',
    );
  const simpleOrMutual = ['SIMPLE', 'MUTUAL', 'OPTIONAL_MUTUAL'].includes(mode);
  // With a credential the certificates are fetched from it: nothing else is required.
  if (simpleOrMutual && (has('credentialName') || many('credentialNames'))) return;
  if (simpleOrMutual) {
    const prefix = mode === 'SIMPLE' ? 'SIMPLE TLS' : 'MUTUAL TLS';
    if (mode !== 'SIMPLE' && !has('caCertificates'))
      add(`${prefix} requires a client CA bundle`, `${path}.caCertificates`);
    const certificates = many('tlsCertificates')
      ? arr(tls.tlsCertificates).map((c) => rec(c) ?? {})
      : [{ serverCertificate: tls.serverCertificate, privateKey: tls.privateKey }];
    for (const certificate of certificates) {
      if (str(certificate.serverCertificate) === '')
        add(`${prefix} requires a server certificate`, `${path}.serverCertificate`);
      if (str(certificate.privateKey) === '') add(`${prefix} requires a private key`, `${path}.privateKey`);
    }
  }
  if (has('caCrl')) {
    if (has('credentialName'))
      add(
        'CRL is not supported with credentialName. CRL has to be specified in the credential',
        `${path}.caCrl`,
      );
    if (mode === 'SIMPLE') add('CRL is not supported with SIMPLE TLS', `${path}.caCrl`);
  }
}

/** agent.ValidateNamespaceSlashWildcardHostname for a gateway server host: `ns/host`, `./host`, a star namespace, or `host`. */
function namespaceSlashHostProblems(hostname: string): string[] {
  const slash = hostname.indexOf('/');
  if (slash < 0) return hostnamePartProblems(hostname);
  const namespace = hostname.slice(0, slash);
  const dnsName = hostname.slice(slash + 1);
  const problems: string[] = [];
  if (namespace === '' || dnsName === '')
    problems.push('config namespace and dnsName in host entry cannot be empty');
  if (namespace !== '*' && namespace !== '.' && !isDns1123Label(namespace))
    problems.push(`invalid namespace value ${JSON.stringify(namespace)} in gateway`);
  return [...problems, ...hostnamePartProblems(dnsName)];
}

/** validateSidecarOrGatewayHostnamePart with isGateway: FQDN or wildcard, an IP allowed, no partial wildcard. */
function hostnamePartProblems(hostname: string): string[] {
  const problems: string[] = [];
  if (hostname !== '*' && !hostname.includes('.')) problems.push('short names (non FQDN) are not allowed');
  const domain = wildcardDomainProblem(hostname);
  if (domain && !isIpAddress(hostname)) problems.push(domain);
  const partial = partialWildcardProblem(hostname);
  if (partial) problems.push(partial);
  return problems;
}
