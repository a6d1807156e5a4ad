import type { GatewayRouteKind } from './gateway-api-types';
import type { MeshSnapshot, ObjectRef, Pod, Service, VirtualService } from './types';

/** A manifest as plain data, ready for the YAML tab and a CreateObject. */
export type Template = Record<string, unknown> & {
  kind:
    | 'VirtualService'
    | 'DestinationRule'
    | 'Gateway'
    | 'ServiceEntry'
    | 'ReferenceGrant'
    | GatewayRouteKind;
  metadata: { name: string; namespace: string };
};

const API = 'networking.istio.io/v1';

/** The VirtualServices in the service's namespace that route its host (short name or FQDN). */
export function virtualServicesFor(view: MeshSnapshot, service: ObjectRef): VirtualService[] {
  const names = new Set([
    service.name,
    `${service.name}.${service.namespace}`,
    `${service.name}.${service.namespace}.svc.cluster.local`,
  ]);
  return Object.values(view.objects).filter(
    (o): o is VirtualService =>
      o.kind === 'VirtualService' &&
      o.metadata.namespace === service.namespace &&
      (o.spec.hosts ?? []).some((host) => names.has(host)),
  );
}

/**
 * "Route this service": a VirtualService with host = the service and one HTTP route to it,
 * and, when its pods carry distinct `version` labels, a DestinationRule with one subset each.
 */
export function routeServiceTemplates(view: MeshSnapshot, service: ObjectRef): Template[] {
  const held = view.objects[`Service/${service.namespace}/${service.name}`] as Service | undefined;
  const selector = held?.spec.selector ?? {};
  const pods = Object.values(view.objects).filter(
    (o): o is Pod =>
      o.kind === 'Pod' &&
      o.metadata.namespace === service.namespace &&
      Object.keys(selector).length > 0 &&
      Object.entries(selector).every(([k, v]) => o.metadata.labels?.[k] === v),
  );
  const versions = [...new Set(pods.flatMap((p) => p.metadata.labels?.version ?? []))].sort();
  const metadata = { name: service.name, namespace: service.namespace };
  const templates: Template[] = [
    {
      apiVersion: API,
      kind: 'VirtualService',
      metadata,
      spec: { hosts: [service.name], http: [{ route: [{ destination: { host: service.name } }] }] },
    },
  ];
  if (versions.length > 0) {
    templates.push({
      apiVersion: API,
      kind: 'DestinationRule',
      metadata,
      spec: { host: service.name, subsets: versions.map((v) => ({ name: v, labels: { version: v } })) },
    });
  }
  return templates;
}

/** A blank VirtualService, Gateway or ServiceEntry to start from in a namespace. */
export function blankTemplate(
  kind: 'VirtualService' | 'Gateway' | 'ServiceEntry',
  namespace: string,
): Template {
  if (kind === 'ServiceEntry') {
    return {
      apiVersion: API,
      kind,
      metadata: { name: 'new-external-host', namespace },
      spec: {
        hosts: ['api.example.com'],
        location: 'MESH_EXTERNAL',
        resolution: 'DNS',
        ports: [{ number: 443, name: 'tls', protocol: 'TLS' }],
      },
    };
  }
  if (kind === 'Gateway') {
    return {
      apiVersion: API,
      kind,
      metadata: { name: 'new-gateway', namespace },
      spec: {
        selector: { istio: 'ingressgateway' },
        servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['example.com'] }],
      },
    };
  }
  return {
    apiVersion: API,
    kind,
    metadata: { name: 'new-route', namespace },
    spec: { hosts: ['example'], http: [{ route: [{ destination: { host: 'example' } }] }] },
  };
}
