import type { GatewayApiKind, GatewayApiObject } from './gateway-api-types';

/**
 * Weir's own types for the mesh resources it reads and writes. Kubernetes and YAML shapes
 * are converted into these at the edge (lib/kube, lib/store/files); nothing else sees the
 * vendor shape. Istio specs are typed for the fields Weir understands; every other field
 * present on an object is kept at run time (parsing is loose), so a write never drops it.
 */

export type IstioKind = 'Gateway' | 'VirtualService' | 'DestinationRule' | 'ServiceEntry';
export type CoreKind = 'Service' | 'Namespace' | 'Pod';
/**
 * Read only, for the mesh's outbound policy: Istio's Sidecar resources and the mesh config
 * (the `istio` ConfigMap in the Istio root namespace). Weir never writes them.
 */
export type PolicyKind = 'Sidecar' | 'ConfigMap';
export type Kind = IstioKind | CoreKind | GatewayApiKind | PolicyKind;

export const ISTIO_KINDS: readonly IstioKind[] = [
  'Gateway',
  'VirtualService',
  'DestinationRule',
  'ServiceEntry',
];
export const ISTIO_API_VERSION = 'networking.istio.io/v1';

export interface ObjectRef {
  kind: Kind;
  /** Empty for cluster-scoped objects (Namespace). */
  namespace: string;
  name: string;
}

/** `Kind/namespace/name`: the key of an object in a snapshot. */
export type ObjectKey = string;

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid?: string;
  controller?: boolean;
}

export interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  time?: string;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  managedFields?: ManagedFieldsEntry[];
}

/** Where an object came from in the files backend: shown next to problems. */
export interface SourceLocation {
  file: string;
  /** 0-based index of the YAML document in the file. */
  document: number;
  /** 1-based line of the document's start. */
  line: number;
}

interface Resource<K extends Kind, S> {
  kind: K;
  apiVersion: string;
  metadata: ObjectMeta;
  spec: S;
  source?: SourceLocation;
}

// ---- Istio: shared pieces -------------------------------------------------------------

export interface StringMatch {
  exact?: string;
  prefix?: string;
  regex?: string;
}

export interface PortSelector {
  number?: number;
}

export interface Destination {
  host: string;
  subset?: string;
  port?: PortSelector;
}

export interface Percent {
  value?: number;
}

// ---- VirtualService ---------------------------------------------------------------------

export interface HTTPMatchRequest {
  name?: string;
  uri?: StringMatch;
  scheme?: StringMatch;
  method?: StringMatch;
  authority?: StringMatch;
  headers?: Record<string, StringMatch>;
  queryParams?: Record<string, StringMatch>;
  withoutHeaders?: Record<string, StringMatch>;
  port?: number;
  sourceLabels?: Record<string, string>;
  sourceNamespace?: string;
  gateways?: string[];
  ignoreUriCase?: boolean;
}

export interface HeaderOperations {
  set?: Record<string, string>;
  add?: Record<string, string>;
  remove?: string[];
}

export interface Headers {
  request?: HeaderOperations;
  response?: HeaderOperations;
}

export interface HTTPRouteDestination {
  destination: Destination;
  weight?: number;
  headers?: Headers;
}

export interface HTTPRewrite {
  uri?: string;
  authority?: string;
  uriRegexRewrite?: { match?: string; rewrite?: string };
}

export interface HTTPRedirect {
  uri?: string;
  authority?: string;
  port?: number;
  scheme?: string;
  redirectCode?: number;
}

export interface HTTPDirectResponse {
  status: number;
  body?: { string?: string; bytes?: string };
}

export interface HTTPRetry {
  attempts?: number;
  perTryTimeout?: string;
  retryOn?: string;
  retryRemoteLocalities?: boolean;
}

export interface HTTPFaultInjection {
  delay?: { fixedDelay?: string; percentage?: Percent; percent?: number };
  abort?: { httpStatus?: number; grpcStatus?: string; percentage?: Percent };
}

export interface HTTPMirrorPolicy {
  destination: Destination;
  percentage?: Percent;
}

export interface CorsPolicy {
  allowOrigins?: StringMatch[];
  allowMethods?: string[];
  allowHeaders?: string[];
  exposeHeaders?: string[];
  maxAge?: string;
  allowCredentials?: boolean;
}

export interface HTTPRoute {
  name?: string;
  match?: HTTPMatchRequest[];
  route?: HTTPRouteDestination[];
  redirect?: HTTPRedirect;
  directResponse?: HTTPDirectResponse;
  delegate?: { name?: string; namespace?: string };
  rewrite?: HTTPRewrite;
  timeout?: string;
  retries?: HTTPRetry;
  fault?: HTTPFaultInjection;
  mirror?: Destination;
  mirrorPercentage?: Percent;
  mirrors?: HTTPMirrorPolicy[];
  corsPolicy?: CorsPolicy;
  headers?: Headers;
}

export interface RouteDestination {
  destination: Destination;
  weight?: number;
}

export interface L4MatchAttributes {
  destinationSubnets?: string[];
  port?: number;
  sourceLabels?: Record<string, string>;
  gateways?: string[];
  sourceNamespace?: string;
}

export interface TLSMatchAttributes extends L4MatchAttributes {
  sniHosts?: string[];
}

export interface TCPRoute {
  match?: L4MatchAttributes[];
  route?: RouteDestination[];
}

export interface TLSRoute {
  match?: TLSMatchAttributes[];
  route?: RouteDestination[];
}

export type RouteKind = 'http' | 'tcp' | 'tls';

export interface VirtualServiceSpec {
  hosts?: string[];
  gateways?: string[];
  http?: HTTPRoute[];
  tcp?: TCPRoute[];
  tls?: TLSRoute[];
  exportTo?: string[];
}

export type VirtualService = Resource<'VirtualService', VirtualServiceSpec>;

// ---- DestinationRule --------------------------------------------------------------------

export interface LoadBalancerSettings {
  simple?: 'UNSPECIFIED' | 'LEAST_CONN' | 'RANDOM' | 'PASSTHROUGH' | 'ROUND_ROBIN' | 'LEAST_REQUEST';
  consistentHash?: {
    httpHeaderName?: string;
    httpCookie?: { name: string; path?: string; ttl?: string };
    useSourceIp?: boolean;
    httpQueryParameterName?: string;
    minimumRingSize?: number;
  };
}

export interface ConnectionPoolSettings {
  tcp?: {
    maxConnections?: number;
    connectTimeout?: string;
    tcpKeepalive?: { probes?: number; time?: string; interval?: string };
  };
  http?: {
    http1MaxPendingRequests?: number;
    http2MaxRequests?: number;
    maxRequestsPerConnection?: number;
    maxRetries?: number;
    idleTimeout?: string;
    h2UpgradePolicy?: 'DEFAULT' | 'DO_NOT_UPGRADE' | 'UPGRADE';
  };
}

export interface OutlierDetection {
  consecutive5xxErrors?: number;
  consecutiveGatewayErrors?: number;
  consecutiveErrors?: number;
  interval?: string;
  baseEjectionTime?: string;
  maxEjectionPercent?: number;
  minHealthPercent?: number;
}

export interface ClientTLSSettings {
  mode?: 'DISABLE' | 'SIMPLE' | 'MUTUAL' | 'ISTIO_MUTUAL';
  clientCertificate?: string;
  privateKey?: string;
  caCertificates?: string;
  credentialName?: string;
  sni?: string;
  subjectAltNames?: string[];
  insecureSkipVerify?: boolean;
}

export interface TrafficPolicy {
  loadBalancer?: LoadBalancerSettings;
  connectionPool?: ConnectionPoolSettings;
  outlierDetection?: OutlierDetection;
  tls?: ClientTLSSettings;
  portLevelSettings?: Array<{ port?: PortSelector } & Omit<TrafficPolicy, 'portLevelSettings'>>;
}

export interface Subset {
  name: string;
  labels?: Record<string, string>;
  trafficPolicy?: TrafficPolicy;
}

export interface DestinationRuleSpec {
  host: string;
  trafficPolicy?: TrafficPolicy;
  subsets?: Subset[];
  exportTo?: string[];
  workloadSelector?: { matchLabels?: Record<string, string> };
}

export type DestinationRule = Resource<'DestinationRule', DestinationRuleSpec>;

// ---- Gateway ----------------------------------------------------------------------------

export interface ServerTLSSettings {
  httpsRedirect?: boolean;
  mode?: 'PASSTHROUGH' | 'SIMPLE' | 'MUTUAL' | 'AUTO_PASSTHROUGH' | 'ISTIO_MUTUAL' | 'OPTIONAL_MUTUAL';
  credentialName?: string;
  serverCertificate?: string;
  privateKey?: string;
  caCertificates?: string;
  subjectAltNames?: string[];
  minProtocolVersion?: string;
  maxProtocolVersion?: string;
  cipherSuites?: string[];
}

export interface GatewayServer {
  port: { number: number; protocol: string; name?: string; targetPort?: number };
  hosts: string[];
  bind?: string;
  defaultEndpoint?: string;
  tls?: ServerTLSSettings;
  name?: string;
}

export interface GatewaySpec {
  selector?: Record<string, string>;
  servers?: GatewayServer[];
}

export type Gateway = Resource<'Gateway', GatewaySpec>;

// ---- ServiceEntry -----------------------------------------------------------------------

export interface ServiceEntrySpec {
  hosts?: string[];
  addresses?: string[];
  ports?: Array<{ number: number; protocol?: string; name?: string; targetPort?: number }>;
  location?: 'MESH_EXTERNAL' | 'MESH_INTERNAL';
  resolution?: string;
  exportTo?: string[];
  workloadSelector?: { labels?: Record<string, string> };
  endpoints?: ServiceEntryEndpoint[];
}

/** Where a ServiceEntry's host is served (a WorkloadEntry's fields, inline). */
export interface ServiceEntryEndpoint {
  address?: string;
  ports?: Record<string, number>;
  labels?: Record<string, string>;
  network?: string;
  locality?: string;
  weight?: number;
  serviceAccount?: string;
}

export type ServiceEntry = Resource<'ServiceEntry', ServiceEntrySpec>;

// ---- Kubernetes: summaries of what Weir needs ----------------------------------------

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
}

export interface ServiceSpec {
  ports?: ServicePort[];
  selector?: Record<string, string>;
  type?: string;
}

export type Service = Resource<'Service', ServiceSpec>;

export type Namespace = Resource<'Namespace', Record<string, never>>;

export interface PodSpec {
  nodeName?: string;
}

export interface Pod extends Resource<'Pod', PodSpec> {
  status: { phase?: string; ready: boolean };
}

// ---- Outbound policy (read only) ------------------------------------------------------

export type OutboundMode = 'ALLOW_ANY' | 'REGISTRY_ONLY';

export interface SidecarSpec {
  workloadSelector?: { labels?: Record<string, string> };
  egress?: Array<{ hosts?: string[]; port?: { number?: number; protocol?: string; name?: string } }>;
  outboundTrafficPolicy?: { mode?: string };
}

export type Sidecar = Resource<'Sidecar', SidecarSpec>;

/**
 * The mesh config as Weir reads it from the `istio` ConfigMap (its `data.mesh`, YAML): the
 * outbound policy and the root namespace. `error` says why `data.mesh` could not be read.
 */
export interface MeshConfigSpec {
  outboundTrafficPolicy?: { mode?: string };
  rootNamespace?: string;
  error?: string;
}

export type MeshConfigMap = Resource<'ConfigMap', MeshConfigSpec>;

/** Where istiod reads the mesh config: one home for the place (WEIR_ISTIO_ROOT_NAMESPACE, WEIR_ISTIO_MESH_CONFIG). */
export interface MeshConfigPlace {
  /** The namespace the ConfigMap lives in (default istio-system). */
  namespace: string;
  /** The ConfigMap's name (default `istio`; `istio-<revision>` for a revisioned install). */
  name: string;
}

/** The ConfigMap istiod reads the mesh config from, and whether its content is known. */
export interface MeshConfigSource extends MeshConfigPlace {
  /**
   * Set when the mesh config is not known, saying why (Weir may not read it, has not read it
   * yet): the outbound policy it sets is then unknown. Unset: what the snapshot holds is it
   * (no ConfigMap there means none exists: Istio's defaults).
   */
  unknown?: string;
}

export type MeshObject =
  | Gateway
  | VirtualService
  | DestinationRule
  | ServiceEntry
  | Service
  | Namespace
  | Pod
  | GatewayApiObject
  | Sidecar
  | MeshConfigMap;

/**
 * An object Weir read but could not parse (a malformed VirtualService applied with
 * validation off, an unknown API version). Kept so it can be drawn with its reason.
 */
export interface InvalidObject {
  kind: 'Invalid';
  ofKind: string;
  apiVersion: string;
  metadata: ObjectMeta;
  reason: string;
  raw: unknown;
  source?: SourceLocation;
}

export type StoredObject = MeshObject | InvalidObject;

export interface SyncStatus {
  backend: 'kube' | 'files';
  /** What Weir reads: a kubeconfig context, a server URL or a folder. */
  source: string;
  /**
   * Kinds Weir would watch but the cluster does not serve (an optional API such as the Gateway
   * API, whose CRDs are not installed): not shown, and said so beside the source.
   */
  notServed?: string[];
  /**
   * Where the mesh config is read (WEIR_ISTIO_ROOT_NAMESPACE, WEIR_ISTIO_MESH_CONFIG) and, when
   * Weir (or the person) does not know it, why; absent: istio-system/istio, known.
   */
  meshConfig?: MeshConfigSource;
  /** The bundled demo mesh, copied into a working folder. */
  demo: boolean;
  synced: boolean;
  /**
   * Not synced because the watch went silent: no event or bookmark within its deadline (a hung
   * API server), rather than failing with an error. The data may be out of date.
   */
  stale?: boolean;
  /** ISO time the data was last known to be current. */
  syncedAt: string;
  error?: string;
}

/** Everything Weir holds at one point in the store's history. */
export interface MeshSnapshot {
  sequence: number;
  objects: Record<ObjectKey, StoredObject>;
  sync: SyncStatus;
  /** A view of some namespaces holds only their part: then every namespace there is to choose. */
  namespaces?: string[];
}
