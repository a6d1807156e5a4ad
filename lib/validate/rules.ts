import { ADMISSION_RULES } from './admission/codes';
import type { Severity } from './types';

/** What the catalogue says about one rule: shown next to a finding and in docs/validation.md. */
export interface RuleInfo {
  code: string;
  severity: Severity;
  /** The `istioctl analyze` message code for the same problem, where one was verified. */
  istioCode?: string;
  /** The kind of object the finding is reported on. */
  kind:
    | 'VirtualService'
    | 'DestinationRule'
    | 'Gateway'
    | 'ServiceEntry'
    | 'Gateway API route'
    | 'Gateway API Gateway'
    | 'any';
  summary: string;
  /** Why it happens and what it does to traffic. */
  cause: string;
  /** What to change. */
  fix: string;
}

const CATALOGUE = [
  // ---- Gateway API routes ---------------------------------------------------------------
  {
    code: 'GWAPI_BACKEND_NOT_FOUND',
    severity: 'error',
    kind: 'Gateway API route',
    summary: 'A backendRef of a Gateway API route names a Service that does not exist.',
    cause:
      'The Gateway API has the controller mark the route `ResolvedRefs=False` (BackendNotFound) and answer the share of requests that would have gone to that backend with 500. The other backends of the rule keep their shares.',
    fix: 'Create the Service, or correct the backendRef (`name`, `namespace`).',
  },
  {
    code: 'GWAPI_BACKEND_PORT_NOT_FOUND',
    severity: 'error',
    kind: 'Gateway API route',
    summary: 'A backendRef of a Gateway API route names a port its Service does not expose.',
    cause:
      "A Service backend is reached on the port the backendRef names; a port the Service lacks resolves to nothing, and the controller answers that backend's share with 500 (Istio marks the route `ResolvedRefs=False`).",
    fix: "Set `port` to one of the Service's ports.",
  },
  {
    code: 'GWAPI_REFERENCE_NOT_PERMITTED',
    severity: 'error',
    kind: 'Gateway API route',
    summary:
      'A backendRef of a Gateway API route names a Service in another namespace, and no ReferenceGrant there allows it.',
    cause:
      "Cross-namespace references need the target namespace's consent: a ReferenceGrant in the Service's namespace whose `from` names the route's kind and namespace and whose `to` names Services (or this one). Without it the controller marks the route `ResolvedRefs=False` (RefNotPermitted) and answers that backend's share with 500.",
    fix: "Create a ReferenceGrant in the Service's namespace (`from`: group gateway.networking.k8s.io, the route's kind and namespace; `to`: group \"\", kind Service), or route to a Service in the route's own namespace.",
  },
  {
    code: 'GWAPI_WEIGHTS_ZERO',
    severity: 'error',
    kind: 'Gateway API route',
    summary: 'Every backendRef of a Gateway API rule has weight 0.',
    cause:
      'Weights are relative, and for a weight of 0 the spec says "no traffic should be forwarded for this entry": with all of them 0 no backend takes any request the rule matches, and each fails instead of being routed.',
    fix: 'Give at least one backendRef a weight above 0, or remove the rule.',
  },
  {
    code: 'GWAPI_BACKEND_FILTER_UNSUPPORTED',
    severity: 'error',
    kind: 'Gateway API route',
    summary:
      'A backendRef of an HTTPRoute or GRPCRoute has a filter Istio does not apply on a backend (anything but RequestHeaderModifier and ResponseHeaderModifier).',
    cause:
      'The CRD accepts RequestMirror, RequestRedirect, URLRewrite, ExtensionRef and CORS filters on a backendRef, but Istio applies only the header modifiers there. For any other type on a backend that takes traffic (weight above 0), istiod refuses the route: it marks it `ResolvedRefs=False` (InvalidFilter, `unsupported filter type`) and builds none of its rules, so every request the route would take finds no route (404 unless another route takes it). A filter on a weight-0 backend is never read.',
    fix: "Move the filter to the rule's `filters` (Istio applies RequestMirror, RequestRedirect, URLRewrite and CORS there, for every backend of the rule), or remove it.",
  },
  {
    code: 'GWAPI_RULE_FILTER_UNSUPPORTED',
    severity: 'error',
    kind: 'Gateway API route',
    summary:
      'A rule of an HTTPRoute or GRPCRoute has a filter Istio does not apply (an ExtensionRef; for a GRPCRoute anything but the header modifiers and RequestMirror).',
    cause:
      "The CRD accepts an ExtensionRef filter (and, in a GRPCRoute rule, nothing else Istio lacks), but istiod applies only RequestHeaderModifier, ResponseHeaderModifier, RequestRedirect, RequestMirror, URLRewrite and CORS in an HTTPRoute rule, and the header modifiers and RequestMirror in a GRPCRoute rule. For any other type istiod refuses the route: it marks it `ResolvedRefs=False` (InvalidFilter, `unsupported filter type`) and builds none of its rules, so every request the route would take finds no route (404 unless another route takes it) — whatever the backends' weights.",
    fix: 'Remove the filter; what an extension did has to be done some other way in Istio (an EnvoyFilter, a WasmPlugin, an AuthorizationPolicy).',
  },
  {
    code: 'GWAPI_BACKEND_NAME_IS_HOSTNAME',
    severity: 'error',
    kind: 'Gateway API route',
    summary:
      'A Service backendRef of an HTTPRoute or GRPCRoute is named with a dot (a host name, not a Service name).',
    cause:
      "A Service backendRef names the Service (`cart`, with `namespace` for another namespace), never a host (`cart.shop`, `cart.shop.svc.cluster.local`). For a name with a dot on a backend that takes traffic (weight above 0) istiod does not look for a Service at all: it refuses the route — `ResolvedRefs=False` (InvalidDestination, `the name of the Service must be used, not the hostname`) — and builds none of its rules, so every request the route would take finds no route (404 unless another route takes it), not only this backend's share. At a Gateway, a backend in another namespace that no ReferenceGrant allows is dropped before its name is read (GWAPI_REFERENCE_NOT_PERMITTED).",
    fix: "Write the Service's name in `name` and its namespace in `namespace`; for a ServiceEntry host use `group: networking.istio.io`, `kind: Hostname`.",
  },
  {
    code: 'GWAPI_BACKEND_PORT_MISSING',
    severity: 'error',
    kind: 'Gateway API route',
    summary:
      'A backendRef of an HTTPRoute or GRPCRoute to a Service (or Istio Hostname, or ServiceImport) has no port.',
    cause:
      "istiod needs a port on every backendRef it resolves (a Service, an Istio `Hostname`, a ServiceImport); the CRD asks it of a Service only, and a route read from files may lack it. For a backend that takes traffic (weight above 0) without one, istiod refuses the route — `ResolvedRefs=False` (InvalidDestination, `port is required in backendRef`) — and builds none of its rules, so every request the route would take finds no route (404 unless another route takes it), not only this backend's share. At a Gateway, a backend in another namespace that no ReferenceGrant allows is dropped before its port is read (GWAPI_REFERENCE_NOT_PERMITTED).",
    fix: "Set `port` to the backend's port (one of the Service's ports).",
  },
  {
    code: 'GWAPI_PARENT_NOT_FOUND',
    severity: 'error',
    kind: 'Gateway API route',
    summary:
      'A parentRef of a Gateway API route names a Gateway that does not exist, or a listener (sectionName, port) that Gateway does not have.',
    cause:
      'A route takes effect only on the parents it attaches to; the controller marks it `Accepted=False` (NoMatchingParent) for this parent, and no request through it reaches the route.',
    fix: 'Correct `name`, `namespace`, `sectionName` or `port` of the parentRef, or create the Gateway or listener.',
  },
  {
    code: 'GWAPI_ROUTE_NOT_ALLOWED',
    severity: 'error',
    kind: 'Gateway API route',
    summary:
      "A parentRef of a Gateway API route names listeners whose allowedRoutes do not admit the route's kind or namespace.",
    cause:
      "A listener takes routes only from the namespaces its `allowedRoutes.namespaces` admits (`Same` — the Gateway's own — by default, `All`, or a `Selector` over namespace labels) and only of the kinds in `allowedRoutes.kinds` (by default those of its protocol: HTTPRoute and GRPCRoute on HTTP/HTTPS, TLSRoute on TLS, TCPRoute on TCP). The controller marks the route `Accepted=False` (NotAllowedByListeners) for that parent; istiod builds nothing for it there, so its requests through that Gateway get 404.",
    fix: "Widen the listener's `allowedRoutes` (`namespaces.from: All`, or a Selector that matches the route's namespace; add the kind), move the route into the Gateway's namespace, or name a listener that takes it.",
  },
  {
    code: 'GWAPI_HOSTNAME_NO_LISTENER',
    severity: 'warning',
    kind: 'Gateway API route',
    summary: "None of a Gateway API route's hostnames meets a hostname of the listeners it names.",
    cause:
      'A listener takes only routes whose hostnames intersect its own (`*.example.com` takes `a.example.com`, not `example.net`); with none in common the controller marks the route `Accepted=False` (NoMatchingListenerHostname) for that parent and it is not attached there. A warning: other parents may still take it.',
    fix: "Add a hostname the listener serves to the route, or name a listener whose hostname covers the route's.",
  },
  {
    code: 'GWAPI_HOST_ALSO_IN_VS',
    severity: 'warning',
    kind: 'Gateway API route',
    summary:
      'An HTTPRoute or GRPCRoute and a VirtualService route the same host on the same port of the same gateway pods.',
    cause:
      "istiod builds one route table per port for a gateway's pods and merges the virtual hosts of the same name from every Gateway on them, Istio and Gateway API alike: the specific matches of both first, then the catch-alls, each time in the order of the Gateway objects' creation. So where both match (a catch-all `/` in each, say) the side whose Gateway is older wins, whichever route is newer and whichever API it uses — not what people expect, and a change to the other side seems to do nothing.",
    fix: "Route the host in one place: move the VirtualService's routes into the HTTPRoute (or the other way), or serve the host on one Gateway only.",
  },
  {
    code: 'GWAPI_CERTIFICATE_NOT_PERMITTED',
    severity: 'error',
    kind: 'Gateway API Gateway',
    summary:
      'A TLS listener of a Gateway API Gateway uses a certificate Secret in another namespace, and no ReferenceGrant there allows it.',
    cause:
      "A Gateway may use a Secret of another namespace only with that namespace's consent: a ReferenceGrant there whose `from` names Gateways of the Gateway's namespace and whose `to` names Secrets (or this one). Without it istiod leaves the certificate out and marks the listener `ResolvedRefs=False` (RefNotPermitted), not Accepted and not Programmed; TLS handshakes on the listener fail.",
    fix: "Create a ReferenceGrant in the Secret's namespace (`from`: group gateway.networking.k8s.io, kind Gateway, the Gateway's namespace; `to`: group \"\", kind Secret), or copy the Secret into the Gateway's namespace.",
  },
  // ---- VirtualService -------------------------------------------------------------------
  {
    code: 'VS_HOST_NOT_FOUND',
    severity: 'error',
    istioCode: 'IST0101',
    kind: 'VirtualService',
    summary: 'A route or mirror sends traffic to an in-cluster host that no Service or ServiceEntry defines.',
    cause:
      'The destination host names a cluster service (a short name, `name.namespace` or `…svc.cluster.local`) that does not exist. Short names are read relative to the namespace of the VirtualService, not of the caller. The proxy has no cluster for the host, so requests get 503 (no route / no healthy upstream).',
    fix: 'Correct the host, use the fully qualified name `name.namespace.svc.cluster.local` when the Service lives in another namespace, or create the missing Service.',
  },
  {
    code: 'VS_EXTERNAL_HOST_UNKNOWN',
    severity: 'warning',
    istioCode: 'IST0101',
    kind: 'VirtualService',
    summary: 'A route or mirror sends traffic to a host outside the cluster that no ServiceEntry declares.',
    cause:
      'Istio only routes to hosts in its service registry. An external host needs a ServiceEntry; without one the route has no cluster to send to. Weir reports this as a warning because the ServiceEntry may live where Weir does not look.',
    fix: 'Add a ServiceEntry for the host (with its ports and resolution), or correct the host.',
  },
  {
    code: 'OUTBOUND_HOST_BLOCKED',
    severity: 'error',
    kind: 'VirtualService',
    summary:
      'A route the sidecars use sends to an external host that no ServiceEntry declares, where the outbound policy is REGISTRY_ONLY.',
    cause:
      'With `outboundTrafficPolicy.mode: REGISTRY_ONLY` (the mesh config, or the Sidecar that applies to the namespace) a sidecar only lets calls out to hosts in its service registry; a call to a host without a ServiceEntry is blocked (the `block_all` virtual host istiod builds, 502), and a route to it sends to a cluster that only a ServiceEntry makes (503) (checked against istiod: tools/istioctl/outbound-oracle.test.ts). Weir reads the policy of every namespace the VirtualService is exported to. Where the policy is unknown (no Sidecar sets it and Weir may not read the mesh config) Weir reports VS_EXTERNAL_HOST_UNKNOWN saying so, never this.',
    fix: "Add a ServiceEntry for the host (its ports, resolution and location), or set the namespace's Sidecar `outboundTrafficPolicy.mode: ALLOW_ANY` if calls to unknown hosts should pass.",
  },
  {
    code: 'SIDECAR_HIDES_HOST',
    severity: 'error',
    kind: 'VirtualService',
    summary: 'A Sidecar resource does not import a host that a route of its namespace sends to.',
    cause:
      "A Sidecar's `egress.hosts` (`namespace/host`, `./host`, `*/host`, `~` to exclude; `*/*` when it has no egress) is the whole set of Services and ServiceEntries its workloads see. istiod builds those sidecars no cluster for any other host (selectServices, pilot/pkg/model/sidecar.go), so the route's cluster (`outbound|port||host`) does not exist there and its calls fail with 503, whatever the outbound policy (checked against istiod's sidecar configuration: tools/istioctl/outbound-oracle.test.ts).",
    fix: "Add `<namespace of the Service or ServiceEntry>/<host>` to the Sidecar's egress hosts, or route to a host it imports.",
  },
  {
    code: 'VS_SUBSET_NOT_FOUND',
    severity: 'error',
    istioCode: 'IST0101',
    kind: 'VirtualService',
    summary: 'A route or mirror names a subset that no DestinationRule for that host defines.',
    cause:
      'Subsets exist only in DestinationRules. A route to an undefined subset has no endpoints: requests fail with 503 (NR / no cluster found) for as long as it is referenced — the usual mistake when a VirtualService is applied before its DestinationRule.',
    fix: 'Add the subset (with its `labels`) to the DestinationRule of that host, create the DestinationRule, or correct the subset name.',
  },
  {
    code: 'VS_PORT_REQUIRED',
    severity: 'error',
    istioCode: 'IST0112',
    kind: 'VirtualService',
    summary: 'A destination has no port while its Service exposes several ports.',
    cause: 'With more than one port on the destination service, Istio cannot tell which one the route means.',
    fix: 'Set `destination.port.number` to the port the route is for.',
  },
  {
    code: 'VS_PORT_NOT_FOUND',
    severity: 'error',
    istioCode: 'IST0101',
    kind: 'VirtualService',
    summary: 'A destination names a port that its Service or ServiceEntry does not expose.',
    cause: 'The route points at `host:port` that does not exist, so there is no cluster to send to.',
    fix: 'Use one of the ports of the Service (its `port`, not its `targetPort`), or add the port to the Service.',
  },
  {
    code: 'VS_GATEWAY_NOT_FOUND',
    severity: 'error',
    istioCode: 'IST0101',
    kind: 'VirtualService',
    summary: 'The VirtualService is bound to a Gateway that does not exist.',
    cause:
      'A gateway reference `name` means the Gateway in the namespace of the VirtualService; `namespace/name` names another namespace; `mesh` is the built-in sidecar gateway. A reference to no Gateway binds the routes nowhere.',
    fix: 'Correct the reference (use `namespace/name` for a Gateway in another namespace) or create the Gateway.',
  },
  {
    code: 'VS_MATCH_GATEWAY_NOT_FOUND',
    severity: 'warning',
    kind: 'VirtualService',
    summary: 'A match names a Gateway that does not exist and that the VirtualService is not bound to.',
    cause:
      'A match’s `gateways` narrow its route to some of the gateways the VirtualService is bound to. A name there that is no Gateway selects nothing: the match still applies on the other gateways it names, or on none (then the route is VS_ROUTE_GATEWAY_UNBOUND). Istio accepts it and no traffic that worked fails because of it, so it is a warning; a missing Gateway the VirtualService itself is bound to is VS_GATEWAY_NOT_FOUND.',
    fix: 'Correct the name (a short name is read in the VirtualService’s namespace; `namespace/name` for another) or remove it.',
  },
  {
    code: 'VS_HOST_NOT_IN_GATEWAY',
    severity: 'warning',
    istioCode: 'IST0132',
    kind: 'VirtualService',
    summary: 'None of the hosts of the VirtualService is served by any server of a Gateway it is bound to.',
    cause:
      'A gateway only applies a VirtualService for hosts one of its servers accepts (taking `namespace/host` restrictions on the server into account). Otherwise the binding has no effect and requests for the host get 404 at the gateway.',
    fix: 'Add the host to a server of the Gateway, or correct the hosts of the VirtualService.',
  },
  {
    code: 'VS_WEIGHTS_ZERO',
    severity: 'error',
    kind: 'VirtualService',
    summary: 'The weights of a route with several destinations add up to 0.',
    cause:
      "Istio shares a route's traffic in proportion to its weights, so a total of 0 gives no destination any traffic; Istio's admission webhook rejects such a route (`total destination weight = 0`). A missing weight counts as 0, so two destinations without weights are this case too.",
    fix: 'Give the destinations weights that add up to 100 (or give the one that should take all traffic weight 100).',
  },
  {
    code: 'VS_WEIGHTS_NOT_100',
    severity: 'warning',
    kind: 'VirtualService',
    summary: 'The weights of a route with several destinations add up to more than 0 but not to 100.',
    cause:
      'Since Istio 1.15 weights are relative (a destination gets weight ÷ total), so 75 + 75 is a 50/50 split and Istio accepts it; older Istio rejected any total but 100. The numbers do not say what each destination gets, and a reader takes 75 for 75%. Weir keeps the weights of one route linked at a total of 100; the finding says the real shares.',
    fix: 'Set the weights to the shares they stand for, adding up to 100 (moving any slider of the route does that).',
  },
  {
    code: 'VS_LONE_WEIGHT_BELOW_100',
    severity: 'warning',
    kind: 'VirtualService',
    summary: 'A route with a single destination gives it an explicit weight below 100.',
    cause:
      'Istio sends all traffic to a lone destination whatever its weight, so the weight says something that does not happen — usually a split whose second destination was removed.',
    fix: 'Remove the weight or set it to 100, or add the destination that should take the rest.',
  },
  {
    code: 'VS_DUPLICATE_DESTINATION',
    severity: 'warning',
    kind: 'VirtualService',
    summary: 'The same destination (host, subset and port) appears twice in one route.',
    cause:
      'The two entries split traffic to the same place: the weights read as a split that does not exist.',
    fix: 'Merge the entries into one destination with the sum of their weights.',
  },
  {
    code: 'VS_UNREACHABLE_ROUTE',
    severity: 'warning',
    istioCode: 'IST0130',
    kind: 'VirtualService',
    summary: 'A route can never match because an earlier route already catches all its requests.',
    cause:
      'Routes are tried in order and the first match wins. A route without `match` (or with a match-everything condition such as `uri: {prefix: /}`) catches everything after it; a route whose every match repeats or is covered by an earlier one is never reached.',
    fix: 'Move the more specific route above the general one, keep the catch-all route last, or remove the dead route.',
  },
  {
    code: 'VS_INEFFECTIVE_MATCH',
    severity: 'info',
    istioCode: 'IST0131',
    kind: 'VirtualService',
    summary: 'One match condition of a route is already covered by a match of an earlier route.',
    cause:
      'The requests it describes are taken by the earlier route, so this condition never selects this route (the route still matches through its other conditions).',
    fix: 'Remove the condition, or reorder the routes if it was meant to win.',
  },
  {
    code: 'VS_CONFLICTING_MESH_HOSTS',
    severity: 'error',
    istioCode: 'IST0109',
    kind: 'VirtualService',
    summary: 'Two VirtualServices bound to the mesh define the same host.',
    cause:
      'Sidecars merge mesh VirtualServices for one host in an order that is not defined: which routes apply can change between pushes.',
    fix: 'Merge the routes into one VirtualService per host, or use delegate VirtualServices.',
  },
  {
    code: 'VS_DELEGATE_NOT_FOUND',
    severity: 'error',
    kind: 'VirtualService',
    summary: 'A route delegates to a VirtualService that does not exist.',
    cause:
      'A delegate names another VirtualService (its namespace defaults to that of the root). Without it the delegated requests have no route and get 404.',
    fix: 'Create the delegate VirtualService (without `hosts`), or correct `delegate.name` and `delegate.namespace`.',
  },
  {
    code: 'VS_DELEGATE_HAS_HOSTS',
    severity: 'error',
    kind: 'VirtualService',
    summary: 'A route delegates to a VirtualService that has hosts, which Istio does not take as a delegate.',
    cause:
      'istiod files only VirtualServices without hosts as delegates (the delegate collection skips any with hosts; the API reference: `hosts` “must be empty for a delegate VirtualService”). A root route naming one with hosts finds no delegate and is dropped, as for a delegate that does not exist: its requests fall through to the root’s later routes, 404 when none matches. Reported on the VirtualService named as delegate, at its hosts.',
    fix: 'Remove `hosts` (and `gateways`) from the delegate, or point the root route at a VirtualService without hosts.',
  },
  {
    code: 'VS_DELEGATE_UNUSED',
    severity: 'warning',
    kind: 'VirtualService',
    summary: 'A VirtualService without hosts (a delegate) is named by no root.',
    cause:
      'A VirtualService without hosts is only a delegate: istiod applies its routes merged into a root route that delegates to it, and never on their own. With no such root its routes apply nowhere — usually a misspelt `delegate.name` or `namespace` in the root, or a root that was removed. Weir judges this only when it holds some root VirtualService (one with a `delegate`), so a folder of delegates whose roots live elsewhere is not reported.',
    fix: 'Delegate to it from the root (`delegate: {name, namespace}`), give it `hosts` to make it a VirtualService of its own, or delete it.',
  },
  {
    code: 'VS_DELEGATE_ROUTE_OUTSIDE_ROOT',
    severity: 'warning',
    kind: 'VirtualService',
    summary:
      'A delegate’s route matches requests outside what its root route hands it, so Istio drops the route.',
    cause:
      'When istiod merges a delegate into its root, each match of a delegate route must lie inside some match of the root route (mergeHTTPMatchRequests, hasConflict): a path prefix or exact path starting with the root’s prefix, the root’s exact path, no regex on a field the root matches otherwise, the same port, gateways among the root’s, and so on. Otherwise the whole delegate route is dropped with only a log line in istiod (the API reference: “the delegate’s HTTPMatchRequest must be a strict subset of the root’s, otherwise there is a conflict and the HTTPRoute will not take effect”).',
    fix: 'Write the delegate’s match inside the root’s (under the root’s prefix: `/cart` → `/cart/items`), widen the root’s match, or move the route to the root.',
  },
  {
    code: 'VS_ROUTE_GATEWAY_UNBOUND',
    severity: 'warning',
    kind: 'VirtualService',
    summary: 'A route can never match: its matches name only gateways the VirtualService is not bound to.',
    cause:
      'istiod hands a VirtualService only to the gateways in its `gateways` (the sidecars, `mesh`, when there are none), and on each of them drops a match whose `gateways` do not name it (sourceMatchHTTP; l4SingleMatch for TLS and TCP). A match’s `gateways` narrow the VirtualService’s binding; they cannot add to it, so a route whose every match names another gateway applies nowhere.',
    fix: 'Add the gateway to the VirtualService’s `gateways`, or correct the gateway named in the match (short names are read in the VirtualService’s namespace).',
  },
  {
    code: 'VS_L4_ROUTE_ON_HTTP_PORT',
    severity: 'warning',
    kind: 'VirtualService',
    summary:
      'A TLS or TCP route applies only on gateway ports where every server serves HTTP, so it is never used.',
    cause:
      'A gateway builds an HTTP connection manager, with only the `http` routes, for servers of protocol HTTP, HTTP2, GRPC or GRPC-WEB and for HTTPS servers that terminate TLS; `tls` routes serve only TLS or HTTPS servers in PASSTHROUGH mode, and `tcp` routes the other non-HTTP servers (pilot/pkg/networking/core/gateway.go). A TLS or TCP route whose gateways (its match’s `gateways`, else the VirtualService’s) serve only HTTP on its port (its match’s `port`, else any) carries no traffic. Weir reports it only when every place the route applies is such a gateway port: the sidecars (`mesh`), a Gateway it does not hold, or a port with no server say nothing.',
    fix: 'Use an `http` route for traffic the gateway terminates, or add a TLS server in PASSTHROUGH mode (for `tls`) or a TCP server (for `tcp`) on that port.',
  },
  {
    code: 'VS_GATEWAY_ROUTE_NOT_SERVED',
    severity: 'warning',
    kind: 'VirtualService',
    summary:
      'A route match that applies at a Gateway names a port or SNI hosts no server of that Gateway takes.',
    cause:
      "istiod builds a gateway's routes per server: its port, and for TLS the SNI hosts it admits. A match at that Gateway on a port no server listens on, or for SNI hosts no server on the port accepts, finds no filter chain and is never used. In the egress-gateway pattern the gateway's own route on to the external host fails this way when the Gateway's server and the route disagree.",
    fix: "Make the match's `port` and `sniHosts` those of a server of the Gateway, or add such a server.",
  },
  {
    code: 'SE_PORT_PROTOCOL_MISMATCH',
    severity: 'warning',
    kind: 'VirtualService',
    summary:
      "A route's kind (http, tls, tcp) disagrees with the protocol of every ServiceEntry port it can apply on.",
    cause:
      'A sidecar serves each port by its declared protocol: HTTP routes on HTTP, HTTP2 and gRPC ports, TLS and TCP routes on TLS, HTTPS and TCP ports (an undeclared protocol is sniffed and takes either). A TLS route for a host whose ServiceEntry declares the port HTTP, or an HTTP route on an HTTPS port, is never used.',
    fix: 'Declare the ServiceEntry port with the protocol the application speaks (HTTPS or TLS for traffic it encrypts itself; HTTP when the sidecar originates TLS), or write the route of the matching kind.',
  },
  {
    code: 'DEPRECATED_FIELD',
    severity: 'warning',
    istioCode: 'IST0002',
    kind: 'any',
    summary: 'A deprecated field is in use.',
    cause:
      'Fields such as `mirrorPercent`, `fault.delay.percent`, `corsPolicy.allowOrigin`, `outlierDetection.consecutiveErrors`, `consistentHash.minimumRingSize`, `warmupDurationSecs`, load balancer `LEAST_CONN` and a Gateway server’s `port.targetPort` still work or are silently ignored, and may go away. (`istioctl analyze` reports IST0002 for `fault.delay.percent` only.)',
    fix: 'Use the replacement named in the message: `mirrorPercentage`, `percentage`, `allowOrigins`, `consecutive5xxErrors`/`consecutiveGatewayErrors`, `ringHash.minimumRingSize`, `warmup`, `LEAST_REQUEST`.',
  },

  // ---- DestinationRule ------------------------------------------------------------------
  {
    code: 'DR_HOST_NOT_FOUND',
    severity: 'warning',
    istioCode: 'IST0174',
    kind: 'DestinationRule',
    summary: 'The host of a DestinationRule matches no Service or ServiceEntry.',
    cause:
      'A DestinationRule for a host Istio does not know applies to nothing. Short names are read relative to the namespace of the DestinationRule.',
    fix: 'Correct the host (fully qualified for a Service in another namespace) or remove the rule.',
  },
  {
    code: 'DR_DUPLICATE_HOST',
    severity: 'warning',
    kind: 'DestinationRule',
    summary: 'Two DestinationRules in one namespace are for the same host.',
    cause:
      'Istio merges them only partly (subsets are combined, but only one traffic policy wins, by creation time), so policies can silently disappear.',
    fix: 'Merge them into one DestinationRule per host and namespace, or scope one with `workloadSelector`.',
  },
  {
    code: 'DR_DUPLICATE_SUBSET',
    severity: 'error',
    kind: 'DestinationRule',
    summary: 'Two subsets of one DestinationRule have the same name.',
    cause: 'Routes name subsets by name; only one of the two takes effect.',
    fix: 'Rename or remove one of the subsets.',
  },
  {
    code: 'DR_SUBSET_NO_PODS',
    severity: 'error',
    istioCode: 'IST0173',
    kind: 'DestinationRule',
    summary: 'A subset’s labels, together with the Service’s selector, select no pod.',
    cause:
      'Traffic routed to the subset finds no endpoint and fails with 503 (UH, no healthy upstream). Weir checks this only when it holds pods at all.',
    fix: 'Correct the subset `labels` (usually `version`) or deploy the workload they describe.',
  },
  {
    code: 'DR_SUBSET_NO_READY_PODS',
    severity: 'warning',
    kind: 'DestinationRule',
    summary: 'A subset selects pods, but none of them is ready.',
    cause: 'Until a pod becomes ready, traffic routed to the subset fails with 503 (UH).',
    fix: 'Find out why the pods are not ready (image, probes, crash loop), or shift traffic away from the subset.',
  },
  {
    code: 'DR_SUBSETS_SAME_LABELS',
    severity: 'warning',
    kind: 'DestinationRule',
    summary: 'Two subsets of one DestinationRule have identical labels.',
    cause:
      'Both select the same pods, so a split between them is no split at all — usually a copied subset whose `version` was not changed.',
    fix: 'Give each subset the labels of its own version.',
  },
  {
    code: 'DR_TLS_NO_CA',
    severity: 'warning',
    istioCode: 'IST0128',
    kind: 'DestinationRule',
    summary: 'TLS origination (SIMPLE or MUTUAL) without CA certificates to verify the server.',
    cause:
      'Without `caCertificates` (or a `credentialName` secret holding `ca.crt`) the proxy cannot check the server’s certificate against a CA you chose; depending on the Istio version and settings it verifies against the system roots or not at all.',
    fix: 'Set `caCertificates`, or `credentialName` naming a secret with `ca.crt`, and `sni`/`subjectAltNames` as needed.',
  },
  {
    code: 'DR_PORT_TLS_NO_CA',
    severity: 'warning',
    istioCode: 'IST0129',
    kind: 'DestinationRule',
    summary: 'Port-level TLS origination (SIMPLE or MUTUAL) without CA certificates.',
    cause: 'As DR_TLS_NO_CA, for the traffic to one port of the host.',
    fix: 'Set `caCertificates` or `credentialName` in that port’s `tls` settings.',
  },

  // ---- Gateway --------------------------------------------------------------------------
  {
    code: 'GW_SELECTOR_NO_PODS',
    severity: 'error',
    istioCode: 'IST0101',
    kind: 'Gateway',
    summary: 'The Gateway’s selector matches no gateway pod.',
    cause:
      'A Gateway configures the proxies whose labels match its selector, in any namespace. With no such pod, nothing listens for its servers. Weir checks this only when it holds pods at all.',
    fix: 'Set the selector to the labels of the ingress gateway pods (often `istio: ingressgateway`).',
  },
  {
    code: 'GW_PORT_NOT_ON_SERVICE',
    severity: 'warning',
    istioCode: 'IST0162',
    kind: 'Gateway',
    summary: 'A server’s port is not exposed by any Service in front of the gateway pods.',
    cause:
      'The gateway proxy listens on the port, but no Service selecting the gateway pods forwards to it, so clients outside cannot reach it. Weir accepts a Service `port` or `targetPort` (Istio maps a server port that equals a Service port to its target port); `istioctl analyze` compares with `targetPort` only.',
    fix: 'Use a port of the gateway Service (80, 443, …) or add the port to that Service.',
  },
  {
    code: 'GW_CONFLICTING_SERVERS',
    severity: 'error',
    istioCode: 'IST0145',
    kind: 'Gateway',
    summary: 'Another Gateway with the same selector has a server on the same port for an overlapping host.',
    cause: 'The proxy gets two servers for the same host and port; which one wins is not defined.',
    fix: 'Serve each host and port from one Gateway, or give the Gateways different selectors.',
  },
  {
    code: 'GW_DUPLICATE_CERTIFICATE',
    severity: 'warning',
    istioCode: 'IST0138',
    kind: 'Gateway',
    summary: 'The same certificate is used by servers of two Gateways on the same gateway pods.',
    cause:
      'Browsers reuse an HTTP/2 connection for every host the certificate covers; a request for a host served by the other Gateway then arrives on the wrong server and gets 404.',
    fix: 'Use one Gateway for all hosts sharing the certificate, or a certificate per Gateway.',
  },

  // ---- Namespace ------------------------------------------------------------------------
  {
    code: 'NAMESPACE_NOT_INJECTED',
    severity: 'warning',
    istioCode: 'IST0102',
    kind: 'any',
    summary: 'Mesh routing rules live in a namespace without sidecar injection.',
    cause:
      'A namespace is injected when it has `istio-injection=enabled` or an `istio.io/rev` label (and not `istio-injection=disabled`), or when a pod in it has the label `sidecar.istio.io/inject: "true"`. Without sidecars its pods bypass the mesh: their own calls ignore all routing rules, and the subsets, retries and faults meant for them are not enforced on their side.',
    fix: 'Label the namespace (`kubectl label namespace <ns> istio-injection=enabled`) and restart its pods, or move the rules next to the workloads that are in the mesh.',
  },

  {
    code: 'SERVICE_CHECKS_OFF',
    severity: 'info',
    kind: 'any',
    summary: 'The Services of a namespace are not here, so the checks that need them are off for it.',
    cause:
      'A folder of manifests often holds the routing but not the Services (they live in another repository or a Helm chart). Without any Service of the namespace a host points into, "no Service has this host" would be said of nearly every route: VS_HOST_NOT_FOUND and DR_HOST_NOT_FOUND are not run for hosts in that namespace, and this says so once. Subsets, weights and everything else are still checked.',
    fix: 'Add the namespace’s Services to the folder (or look at the cluster) to run those checks.',
  },

  // ---- What Istio's admission webhook refuses (lib/validate/admission) --------------------
  ...ADMISSION_RULES,

  // ---- Weir itself ----------------------------------------------------------------------
  {
    code: 'VALIDATE_RULE_FAILED',
    severity: 'info',
    kind: 'any',
    summary: 'A validation rule failed on unexpected input and was skipped.',
    cause: 'Weir’s own bug or an object shape it does not expect; the other rules still ran.',
    fix: 'Report it with the object concerned.',
  },
] as const satisfies readonly RuleInfo[];

export type RuleCode = (typeof CATALOGUE)[number]['code'];

/** Every rule, in the order of docs/validation.md. */
export const RULE_LIST: readonly RuleInfo[] = CATALOGUE;

/** The catalogue by code. */
export const RULES: Readonly<Record<RuleCode, RuleInfo>> = Object.fromEntries(
  CATALOGUE.map((rule) => [rule.code, rule]),
) as Record<RuleCode, RuleInfo>;
