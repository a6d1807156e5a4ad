// ValidateServiceEntry (pkg/config/validation/validation.go) rule by rule (errors only).

import { exportToProblems } from './common';
import { arr, entries, type Json, type Problems, rec, str } from './fields';
import { unixAddressProblem } from './gateway';
import {
  fqdnProblem,
  isDns1123Label,
  isHttpProtocol,
  isIpAddress,
  isTlsProtocol,
  labelsProblems,
  parseProtocol,
  portProblem,
  subnetProblem,
  wildcardDomainProblem,
} from './names';

export function serviceEntryProblems(
  namespace: string,
  spec: Json,
  labels: Record<string, string>,
  out: Problems,
): void {
  const hosts = arr(spec.hosts).map(str);
  const resolution = str(spec.resolution) || 'NONE';
  const selector = rec(spec.workloadSelector);
  const endpoints = arr(spec.endpoints);
  // ValidateAlphaWorkloadSelector: an error for empty keys and wildcards.
  for (const [key, value] of entries(selector?.labels)) {
    const path = 'spec.workloadSelector.labels';
    if (key === '')
      out.add('SE_ENDPOINT_INVALID', path, `empty key is not supported in selector: "=${str(value)}"`);
    if (key.includes('*') || str(value).includes('*'))
      out.add('SE_ENDPOINT_INVALID', path, `wildcard is not supported in selector: "${key}=${str(value)}"`);
  }
  if (selector && Array.isArray(spec.endpoints))
    out.add(
      'SE_ENDPOINT_INVALID',
      'spec.endpoints',
      'only one of WorkloadSelector or Endpoints is allowed in Service Entry',
    );
  if (hosts.length === 0)
    out.add('SE_HOST_INVALID', 'spec.hosts', 'service entry must have at least one host');
  hosts.forEach((host, index) => {
    if (host === '*') out.add('SE_HOST_INVALID', `spec.hosts[${index}]`, `invalid host ${host}`);
    else out.check('SE_HOST_INVALID', `spec.hosts[${index}]`, wildcardDomainProblem(host));
  });
  let cidr = false;
  arr(spec.addresses).forEach((address, index) => {
    cidr ||= str(address).includes('/');
    out.check('SE_ADDRESS_INVALID', `spec.addresses[${index}]`, subnetProblem(str(address)));
  });
  if (cidr && resolution !== 'NONE' && resolution !== 'STATIC')
    out.add(
      'SE_ADDRESS_INVALID',
      'spec.addresses',
      'CIDR addresses are allowed only for NONE/STATIC resolution types',
    );
  const portNames = new Set<string>();
  const portNumbers = new Set<number>();
  arr(spec.ports).forEach((value, index) => {
    const path = `spec.ports[${index}]`;
    const port = rec(value);
    if (!port) {
      out.add('SE_PORT_INVALID', path, 'service entry port may not be null');
      return;
    }
    const name = str(port.name);
    const number = typeof port.number === 'number' ? port.number : 0;
    if (portNames.has(name))
      out.add(
        'SE_PORT_INVALID',
        `${path}.name`,
        `service entry port name ${JSON.stringify(name)} already defined`,
      );
    if (portNumbers.has(number))
      out.add('SE_PORT_INVALID', `${path}.number`, `service entry port ${number} already defined`);
    portNames.add(name);
    portNumbers.add(number);
    if (typeof port.targetPort === 'number' && port.targetPort !== 0)
      out.check('SE_PORT_INVALID', `${path}.targetPort`, portProblem(port.targetPort));
    if (!isDns1123Label(name)) out.add('SE_PORT_INVALID', `${path}.name`, `invalid port name: ${name}`);
    const protocol = str(port.protocol);
    if (protocol !== '' && parseProtocol(protocol) === undefined)
      out.add('SE_PORT_INVALID', `${path}.protocol`, `unsupported protocol: ${protocol}`);
    out.check('SE_PORT_INVALID', `${path}.number`, portProblem(number));
  });
  const addresses = arr(spec.addresses).length;
  switch (resolution) {
    case 'NONE':
      if (endpoints.length > 0)
        out.add(
          'SE_RESOLUTION_INVALID',
          'spec.endpoints',
          'no endpoints should be provided for resolution type none',
        );
      break;
    case 'STATIC':
      endpoints.forEach((value, index) => {
        const endpoint = rec(value);
        if (!endpoint) {
          out.add('SE_ENDPOINT_INVALID', `spec.endpoints[${index}]`, 'endpoint cannot be nil');
          return;
        }
        workloadEntryProblems(endpoint, portNames, `spec.endpoints[${index}]`, out);
      });
      break;
    case 'DNS':
    case 'DNS_ROUND_ROBIN':
      if (endpoints.length === 0) {
        const bad = hosts.map(fqdnProblem).find((problem) => problem !== undefined);
        if (bad)
          out.add(
            'SE_RESOLUTION_INVALID',
            'spec.hosts',
            `hosts must be FQDN or contain only prefix wildcards if no endpoints are provided for resolution mode ${resolution}, ${bad}`,
          );
      }
      if (resolution === 'DNS_ROUND_ROBIN' && endpoints.length > 1)
        out.add(
          'SE_RESOLUTION_INVALID',
          'spec.endpoints',
          `there must only be 0 or 1 endpoint for resolution mode ${resolution}`,
        );
      endpoints.forEach((value, index) => {
        const path = `spec.endpoints[${index}]`;
        const endpoint = rec(value);
        if (!endpoint) {
          out.add('SE_ENDPOINT_INVALID', path, 'endpoint cannot be nil');
          return;
        }
        const address = str(endpoint.address);
        if (!isIpAddress(address) && fqdnProblem(address))
          out.add(
            'SE_ENDPOINT_INVALID',
            `${path}.address`,
            `endpoint address ${JSON.stringify(address)} is not a valid FQDN or an IP address`,
          );
        for (const problem of labelsProblems(rec(endpoint.labels) ?? {}))
          out.add('SE_ENDPOINT_INVALID', `${path}.labels`, problem);
        endpointPortProblems(endpoint, portNames, path, out);
      });
      break;
    case 'DYNAMIC_DNS': {
      const add = (path: string, message: string) => out.add('SE_RESOLUTION_INVALID', path, message);
      if (hosts.length === 0)
        add('spec.hosts', `at least one wildcard host must be provided for resolution type ${resolution}`);
      hosts.forEach((host, index) => {
        if (!host.startsWith('*'))
          add(`spec.hosts[${index}]`, `host must be wildcarded for resolution mode ${resolution}`);
      });
      if (addresses > 0) add('spec.addresses', `addresses cannot be set for resolution type ${resolution}`);
      if (endpoints.length > 0)
        add('spec.endpoints', `endpoints cannot be set for resolution type ${resolution}`);
      arr(spec.ports).forEach((value, index) => {
        const protocol = parseProtocol(str(rec(value)?.protocol));
        if (!['HTTP', 'TLS', 'GRPC', 'HTTP2'].includes(protocol ?? ''))
          add(
            `spec.ports[${index}].protocol`,
            `only HTTP, TLS, GRPC, and HTTP2 protocols are supported for resolution type ${resolution}`,
          );
      });
      const location = str(spec.location) || 'MESH_EXTERNAL';
      const waypoint = labels['istio.io/use-waypoint'];
      if (
        location === 'MESH_INTERNAL' &&
        waypoint !== undefined &&
        waypoint !== '' &&
        waypoint.toLowerCase() !== 'none'
      )
        add(
          'spec.location',
          `location MESH_INTERNAL with resolution type ${resolution} is not supported when using waypoints`,
        );
      break;
    }
    default:
      out.add('SE_RESOLUTION_INVALID', 'spec.resolution', `unsupported resolution type ${resolution}`);
  }
  // Several hosts on a plain TCP port cannot be told apart (the hosts are ignored with NONE).
  if (resolution !== 'NONE' && hosts.length > 1) {
    const index = arr(spec.ports).findIndex((value) => {
      const protocol = parseProtocol(str(rec(value)?.protocol));
      return !isHttpProtocol(protocol) && !isTlsProtocol(protocol);
    });
    if (index >= 0)
      out.add(
        'SE_PORT_INVALID',
        `spec.ports[${index}]`,
        'multiple hosts provided with non-HTTP, non-TLS ports',
      );
  }
  exportToProblems(namespace, spec.exportTo, { serviceEntry: true }, out);
}

/** validateWorkloadEntry for a STATIC endpoint: an IP or unix socket address. */
function workloadEntryProblems(endpoint: Json, portNames: Set<string>, path: string, out: Problems): void {
  const address = str(endpoint.address);
  if (address === '') {
    if (str(endpoint.network) === '')
      out.add('SE_ENDPOINT_INVALID', `${path}.address`, 'address is required');
  } else if (address.startsWith('unix://')) {
    out.check('SE_ENDPOINT_INVALID', `${path}.address`, unixAddressProblem(address.slice('unix://'.length)));
    if (entries(endpoint.ports).length > 0)
      out.add('SE_ENDPOINT_INVALID', `${path}.ports`, `unix endpoint ${address} must not include ports`);
    if (portNames.size !== 1)
      out.add('SE_ENDPOINT_INVALID', `${path}.address`, 'exactly 1 service port required for unix endpoints');
  } else if (!isIpAddress(address)) {
    out.add(
      'SE_ENDPOINT_INVALID',
      `${path}.address`,
      `endpoint address ${JSON.stringify(address)} is not a valid IP address`,
    );
  }
  if (address === '' && str(endpoint.network) === '') return;
  endpointPortProblems(endpoint, portNames, path, out);
  for (const problem of labelsProblems(rec(endpoint.labels) ?? {}))
    out.add('SE_ENDPOINT_INVALID', `${path}.labels`, problem);
}

function endpointPortProblems(endpoint: Json, portNames: Set<string>, path: string, out: Problems): void {
  for (const [name, port] of entries(endpoint.ports)) {
    const number = typeof port === 'number' ? port : 0;
    const at = `${path}.ports.${name}`;
    if (!portNames.has(name))
      out.add('SE_ENDPOINT_INVALID', at, `endpoint port ${number} is not defined by the service entry`);
    if (!isDns1123Label(name)) out.add('SE_ENDPOINT_INVALID', at, `invalid port name: ${name}`);
    out.check('SE_ENDPOINT_INVALID', at, portProblem(number));
  }
}
