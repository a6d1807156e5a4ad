import type { GatewayRoute, KubernetesGateway, ReferenceGrant } from '../mesh/gateway-api-types';
import { GATEWAY_ROUTE_KINDS } from '../mesh/gateway-api-types';
import { type MeshOutbound, meshOutbound } from '../mesh/outbound-policy';
import {
  hostCandidates,
  hostsOverlap,
  isClusterLocalHost,
  isWildcardHost,
  normalizeHost,
  selectorText,
  selects,
  selectsSome,
  serviceFqdn,
} from '../mesh/resolve';
import type {
  DestinationRule,
  Gateway,
  MeshObject,
  MeshSnapshot,
  Namespace,
  Pod,
  Service,
  ServiceEntry,
  VirtualService,
} from '../mesh/types';
import { list, namespaceOf } from './walk';

/** What a host in a routing rule turned out to name. */
export interface ResolvedHost {
  /** The name Weir files the host under: the FQDN of a cluster service, else the host itself. */
  fqdn: string;
  service?: Service;
  serviceEntry?: ServiceEntry;
  wildcard: boolean;
  /** The host names something inside the cluster rather than an external name. */
  clusterLocal: boolean;
}

export type Injection = 'injected' | 'not-injected' | 'unknown';

/**
 * The snapshot indexed once per validate call, so that each rule looks things up by host,
 * name or label instead of scanning every object (a 2,000-route mesh stays well under a second).
 */
export class ValidationContext {
  readonly virtualServices: VirtualService[] = [];
  readonly destinationRules: DestinationRule[] = [];
  readonly gateways: Gateway[] = [];
  readonly serviceEntries: ServiceEntry[] = [];
  readonly services: Service[] = [];
  readonly pods: Pod[] = [];
  readonly namespaces = new Map<string, Namespace>();
  /** The Gateway API: routes, Gateways by `namespace/name`, ReferenceGrants. */
  readonly gatewayRoutes: GatewayRoute[] = [];
  readonly kubeGateways = new Map<string, KubernetesGateway>();
  readonly referenceGrants: ReferenceGrant[] = [];
  /** Namespaces that exist as objects or that any object lives in. */
  readonly knownNamespaces = new Set<string>();

  private readonly servicesByHost = new Map<string, Service>();
  private readonly servicesByNamespace = new Map<string, Service[]>();
  private readonly entriesByHost = new Map<string, ServiceEntry>();
  private readonly wildcardEntries: { host: string; entry: ServiceEntry }[] = [];
  private readonly rulesByHost = new Map<string, DestinationRule[]>();
  private readonly wildcardRules: { host: string; rule: DestinationRule }[] = [];
  private readonly gatewaysByKey = new Map<string, Gateway>();
  private readonly virtualServicesByKey = new Map<string, VirtualService>();
  private readonly podsByLabel = new Map<string, Pod[]>();
  private readonly podsByNamespace = new Map<string, Pod[]>();

  private readonly resolved = new Map<string, ResolvedHost>();
  private readonly subsets = new Map<string, ReadonlySet<string>>();
  private readonly selected = new Map<string, readonly Pod[]>();
  private readonly injected = new Map<string, Injection>();

  /** The mesh config's outbound policy and the Sidecars, by namespace. */
  readonly outbound: MeshOutbound;

  constructor(snapshot: MeshSnapshot) {
    this.outbound = meshOutbound(Object.values(snapshot.objects), snapshot.sync?.meshConfig);
    for (const object of Object.values(snapshot.objects)) {
      if (object.kind === 'Invalid') continue;
      const namespace = namespaceOf(object);
      if (namespace) this.knownNamespaces.add(namespace);
      switch (object.kind) {
        case 'VirtualService':
          this.virtualServices.push(object);
          this.virtualServicesByKey.set(`${namespace}/${object.metadata.name}`, object);
          break;
        case 'DestinationRule':
          this.destinationRules.push(object);
          break;
        case 'Gateway':
          this.gateways.push(object);
          this.gatewaysByKey.set(`${namespace}/${object.metadata.name}`, object);
          break;
        case 'ServiceEntry':
          this.addServiceEntry(object);
          break;
        case 'Service':
          this.services.push(object);
          this.servicesByHost.set(serviceFqdn(object.metadata.name, namespace).toLowerCase(), object);
          push(this.servicesByNamespace, namespace, object);
          break;
        case 'Pod':
          this.addPod(object);
          break;
        case 'Namespace':
          this.namespaces.set(object.metadata.name, object);
          this.knownNamespaces.add(object.metadata.name);
          break;
        case 'KubernetesGateway':
          this.kubeGateways.set(`${namespace}/${object.metadata.name}`, object);
          break;
        case 'ReferenceGrant':
          this.referenceGrants.push(object);
          break;
        default:
          if ((GATEWAY_ROUTE_KINDS as readonly string[]).includes(object.kind))
            this.gatewayRoutes.push(object as GatewayRoute);
      }
    }
    // Rules are filed by resolved host, which needs every Service and ServiceEntry first.
    for (const rule of this.destinationRules) {
      if (typeof rule.spec.host !== 'string') continue;
      const host = normalizeHost(rule.spec.host);
      if (isWildcardHost(host)) this.wildcardRules.push({ host, rule });
      else push(this.rulesByHost, this.resolveHost(host, namespaceOf(rule)).fqdn, rule);
    }
  }

  private addServiceEntry(entry: ServiceEntry): void {
    this.serviceEntries.push(entry);
    for (const host of list(entry.spec.hosts)) {
      if (typeof host !== 'string') continue;
      const name = normalizeHost(host);
      if (isWildcardHost(name)) {
        this.wildcardEntries.push({ host: name, entry });
        continue;
      }
      // A short name in a ServiceEntry reads like one in a routing rule: relative to its namespace.
      const fqdn = hostCandidates(name, namespaceOf(entry))[0];
      if (fqdn) this.entriesByHost.set(fqdn, entry);
    }
  }

  private addPod(pod: Pod): void {
    this.pods.push(pod);
    const namespace = namespaceOf(pod);
    push(this.podsByNamespace, namespace, pod);
    for (const [key, value] of Object.entries(pod.metadata.labels ?? {})) {
      push(this.podsByLabel, `${key}=${value}`, pod);
      // A namespace's own bucket: `app=web` spans every namespace that has a web.
      push(this.podsByLabel, `${namespace}\n${key}=${value}`, pod);
    }
  }

  /**
   * Namespaces whose Services the snapshot does not hold (a folder of manifests without them),
   * with the first object whose host pointed there: Service checks are off for them.
   */
  readonly serviceChecksOff = new Map<string, { object: MeshObject; path: string }>();

  /**
   * Whether "no Service has this host" can be judged: the host is not in the cluster domain, or
   * the snapshot holds some Service of the namespace it points into. A GitOps folder often
   * routes to Services that live in another repository; without any Service of that namespace,
   * a missing one says nothing. Notes the namespace when it cannot.
   */
  canJudgeService(resolved: ResolvedHost, from: MeshObject, path: string): boolean {
    // `name.ns.svc.cluster.local`; a short name in an object without a namespace stays bare.
    const namespace =
      /^[^.]+\.([^.]+)\.svc\.cluster\.local$/.exec(resolved.fqdn)?.[1] ??
      (resolved.clusterLocal && !resolved.fqdn.includes('.') ? '' : undefined);
    if (namespace === undefined || this.servicesByNamespace.has(namespace)) return true;
    if (!this.serviceChecksOff.has(namespace)) this.serviceChecksOff.set(namespace, { object: from, path });
    return false;
  }

  /** What `host`, written in an object in `namespace`, names. Cached per call. */
  resolveHost(host: string, namespace: string): ResolvedHost {
    const cacheKey = `${namespace}\n${host}`;
    const cached = this.resolved.get(cacheKey);
    if (cached) return cached;
    const result = this.lookUpHost(host, namespace);
    this.resolved.set(cacheKey, result);
    return result;
  }

  private lookUpHost(host: string, namespace: string): ResolvedHost {
    const candidates = hostCandidates(host, namespace);
    const first = candidates[0] ?? normalizeHost(host);
    const wildcard = isWildcardHost(first);
    const clusterLocal = isClusterLocalHost(host, this.knownNamespaces);
    for (const fqdn of candidates) {
      const service = this.servicesByHost.get(fqdn);
      if (service) return { fqdn, service, wildcard, clusterLocal: true };
      const serviceEntry = this.entriesByHost.get(fqdn);
      if (serviceEntry) return { fqdn, serviceEntry, wildcard, clusterLocal };
    }
    for (const { host: pattern, entry } of this.wildcardEntries) {
      if (hostsOverlap(pattern, first)) return { fqdn: first, serviceEntry: entry, wildcard, clusterLocal };
    }
    return { fqdn: first, wildcard, clusterLocal };
  }

  /** The port numbers a resolved host exposes; empty when unknown. */
  hostPorts(resolved: ResolvedHost): number[] {
    if (resolved.service) return list(resolved.service.spec.ports).map((port) => port.port);
    if (resolved.serviceEntry) return list(resolved.serviceEntry.spec.ports).map((port) => port.number);
    return [];
  }

  /** Whether any Service or ServiceEntry host matches a wildcard host. */
  wildcardHostExists(host: string): boolean {
    for (const fqdn of this.servicesByHost.keys()) if (hostsOverlap(host, fqdn)) return true;
    for (const fqdn of this.entriesByHost.keys()) if (hostsOverlap(host, fqdn)) return true;
    return this.wildcardEntries.some((entry) => hostsOverlap(host, entry.host));
  }

  /** The DestinationRules that apply to a host: those for the host itself and wildcard ones. */
  rulesFor(fqdn: string): DestinationRule[] {
    const rules = [...(this.rulesByHost.get(fqdn) ?? [])];
    for (const { host, rule } of this.wildcardRules) if (hostsOverlap(host, fqdn)) rules.push(rule);
    return rules;
  }

  /** The DestinationRules whose host is exactly this (resolved) host. */
  rulesForExactHost(fqdn: string): readonly DestinationRule[] {
    return this.rulesByHost.get(fqdn) ?? [];
  }

  /** The subset names all DestinationRules for a host define. */
  subsetsFor(fqdn: string): ReadonlySet<string> {
    const cached = this.subsets.get(fqdn);
    if (cached) return cached;
    const names = new Set<string>();
    for (const rule of this.rulesFor(fqdn)) {
      for (const subset of list(rule.spec.subsets))
        if (typeof subset?.name === 'string') names.add(subset.name);
    }
    this.subsets.set(fqdn, names);
    return names;
  }

  gateway(namespace: string, name: string): Gateway | undefined {
    return this.gatewaysByKey.get(`${namespace}/${name}`);
  }

  virtualService(namespace: string, name: string): VirtualService | undefined {
    return this.virtualServicesByKey.get(`${namespace}/${name}`);
  }

  /** Pods matching an equality selector, in one namespace or (undefined) in all. */
  podsSelectedBy(selector: Readonly<Record<string, string>>, namespace?: string): readonly Pod[] {
    const cacheKey = `${namespace ?? '*'}\n${selectorText(selector)}`;
    const cached = this.selected.get(cacheKey);
    if (cached) return cached;
    // Start from the smallest label bucket rather than every pod.
    let candidates: readonly Pod[] | undefined;
    const scope = namespace === undefined ? '' : `${namespace}\n`;
    for (const [key, value] of Object.entries(selector)) {
      const bucket = this.podsByLabel.get(`${scope}${key}=${value}`) ?? [];
      if (!candidates || bucket.length < candidates.length) candidates = bucket;
    }
    candidates ??= namespace === undefined ? this.pods : (this.podsByNamespace.get(namespace) ?? []);
    const pods = candidates.filter(
      (pod) =>
        (namespace === undefined || namespaceOf(pod) === namespace) && selects(selector, pod.metadata.labels),
    );
    this.selected.set(cacheKey, pods);
    return pods;
  }

  /** Services in the pod's namespace whose selector matches it. */
  servicesSelecting(pod: Pod): Service[] {
    return (this.servicesByNamespace.get(namespaceOf(pod)) ?? []).filter((service) =>
      selectsSome(service.spec.selector, pod.metadata.labels),
    );
  }

  /**
   * Whether a namespace gets sidecars: `istio-injection=enabled`, or an `istio.io/rev` label
   * without `istio-injection=disabled`, or a pod in it labelled `sidecar.istio.io/inject: "true"`.
   * Unknown when Weir holds no Namespace object for it.
   */
  injection(namespace: string): Injection {
    let result = this.injected.get(namespace);
    if (result === undefined) {
      result = this.judgeInjection(namespace);
      this.injected.set(namespace, result);
    }
    return result;
  }

  private judgeInjection(namespace: string): Injection {
    const object = this.namespaces.get(namespace);
    if (!object) return 'unknown';
    const labels = object.metadata.labels ?? {};
    if (labels['istio-injection'] === 'enabled') return 'injected';
    if (labels['istio-injection'] !== 'disabled' && labels['istio.io/rev'] !== undefined) return 'injected';
    const pods = this.podsByNamespace.get(namespace) ?? [];
    if (pods.some((pod) => pod.metadata.labels?.['sidecar.istio.io/inject'] === 'true')) return 'injected';
    return 'not-injected';
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const values = map.get(key);
  if (values) values.push(value);
  else map.set(key, [value]);
}
