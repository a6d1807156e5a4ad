import { GATEWAY_NAME_LABEL, type GatewayRoute, type KubernetesGateway } from '../../mesh/gateway-api-types';
import {
  attachedListeners,
  boundGateways,
  hostIntersection,
  isGatewayParent,
  parentTarget,
  serverHostsFor,
  sharedHostnames,
} from '../../mesh/resolve';
import type { Gateway, MeshObject, Pod, VirtualService } from '../../mesh/types';
import type { Check } from '../check';
import type { ValidationContext } from '../context';
import { list, namespaceOf, record } from '../walk';

const HTTP_SERVER_PROTOCOLS = new Set(['HTTP', 'HTTP2', 'GRPC']);

/**
 * A VirtualService on an Istio Gateway and an HTTPRoute/GRPCRoute on a Gateway API Gateway
 * that run on the same gateway pods, both for one host on one plain-HTTP port. istiod builds
 * one route table per port for those pods and merges every virtual host of the same name
 * (`BuildGatewayHTTPRouteConfig`'s vHostDedupMap in pilot/pkg/networking/core/gateway.go):
 * routes are appended gateway by gateway, the Gateways ordered by creation time (then name,
 * namespace: `sortConfigByCreationTime`), and `SortVHostRoutes` then moves catch-all routes
 * behind the others. So a `/` in both goes to the older Gateway's side — whatever the ages of
 * the VirtualService and the HTTPRoute. Checked against istiod by tools/istioctl/gateway-api-oracle.test.ts.
 */
export const gwapiVsSameHost: Check = {
  name: 'gwapi-vs-same-host',
  codes: ['GWAPI_HOST_ALSO_IN_VS'],
  run(context, { each, emit }) {
    // Without pods Weir cannot tell which Gateways share a proxy.
    if (context.pods.length === 0 || context.gateways.length === 0 || context.kubeGateways.size === 0) return;
    const istioPods = new Map<Gateway, ReadonlySet<Pod>>();
    for (const gateway of context.gateways) {
      const selector = gateway.spec.selector;
      if (selector && Object.keys(selector).length > 0)
        istioPods.set(gateway, new Set(context.podsSelectedBy(selector)));
    }
    const sharing = new Map<KubernetesGateway, Gateway[]>();
    for (const kube of context.kubeGateways.values()) {
      const pods = kubeGatewayPods(context, kube);
      const istio = [...istioPods].filter(([, set]) => pods.some((pod) => set.has(pod))).map(([g]) => g);
      if (istio.length > 0) sharing.set(kube, istio);
    }
    if (sharing.size === 0) return;
    // Only now, and appended in place: at 10,000 VirtualServices a copy per entry was quadratic.
    const vsByGateway = new Map<string, VirtualService[]>();
    for (const vs of context.virtualServices) {
      if (list(vs.spec.http).length === 0) continue;
      for (const key of boundGateways(vs)) {
        const bound = vsByGateway.get(key);
        if (bound) bound.push(vs);
        else vsByGateway.set(key, [vs]);
      }
    }

    // The hosts each VirtualService bound to a server routes there: the same for every
    // HTTPRoute, so worked out once per server (100 routes at 10,000 VirtualServices took 5 s).
    type Server = NonNullable<Gateway['spec']['servers']>[number];
    const atServer = new Map<Server, Array<{ vs: VirtualService; vsHosts: string[] }>>();
    const routedAt = (server: Server, gateway: Gateway, bound: VirtualService[]) => {
      let routed = atServer.get(server);
      if (!routed) {
        routed = bound.map((vs) => ({
          vs,
          vsHosts: hostIntersection(
            serverHostsFor(list(server.hosts), namespaceOf(gateway), namespaceOf(vs)),
            list(vs.spec.hosts).map((h) => h.toLowerCase()),
          ),
        }));
        atServer.set(server, routed);
      }
      return routed;
    };

    each(context.gatewayRoutes, (route) => {
      if (route.kind !== 'HTTPRoute' && route.kind !== 'GRPCRoute') return;
      const namespace = namespaceOf(route);
      const hostnames = list(route.spec.hostnames).map((h) => h.toLowerCase());
      const reported = new Set<string>();
      list(route.spec.parentRefs).forEach((value, p) => {
        const parent = parentTarget(record(value), namespace);
        if (!isGatewayParent(parent)) return;
        const kube = context.kubeGateways.get(`${parent.namespace}/${parent.name}`);
        const istioGateways = kube && sharing.get(kube);
        if (!kube || !istioGateways) return;
        const labels = (ns: string) => context.namespaces.get(ns)?.metadata.labels;
        const listeners = attachedListeners(
          list(kube.spec.listeners),
          parent,
          { kind: route.kind, namespace, hostnames },
          labels,
        );
        for (const listener of listeners) {
          if (listener.protocol !== 'HTTP') continue;
          const routeHosts = sharedHostnames(listener.hostname, hostnames);
          for (const gateway of istioGateways) {
            const gatewayKey = `${namespaceOf(gateway)}/${gateway.metadata.name}`;
            for (const server of list(gateway.spec.servers)) {
              const port = record(server.port);
              if (
                port.number !== listener.port ||
                !HTTP_SERVER_PROTOCOLS.has(String(port.protocol).toUpperCase())
              )
                continue;
              for (const { vs, vsHosts } of routedAt(server, gateway, vsByGateway.get(gatewayKey) ?? [])) {
                // istiod merges virtual hosts of exactly the same name.
                for (const host of vsHosts.filter((h) => routeHosts.includes(h))) {
                  const key = `${host}\n${vs.metadata.name}\n${namespaceOf(vs)}`;
                  if (reported.has(key)) continue;
                  reported.add(key);
                  const at = hostnames.indexOf(host);
                  const path = at >= 0 ? `spec.hostnames[${at}]` : `spec.parentRefs[${p}]`;
                  emit(
                    'GWAPI_HOST_ALSO_IN_VS',
                    route,
                    path,
                    message(route, vs, gateway, kube, host, listener.port),
                  );
                }
              }
            }
          }
        }
      });
    });
  },
};

/** The pods a Gateway API Gateway runs on: those Istio deploys for it, or those of the Service its Hostname address names. */
function kubeGatewayPods(context: ValidationContext, gateway: KubernetesGateway): readonly Pod[] {
  const namespace = namespaceOf(gateway);
  const pods = [...context.podsSelectedBy({ [GATEWAY_NAME_LABEL]: gateway.metadata.name }, namespace)];
  for (const address of list(gateway.spec.addresses)) {
    if (address.type !== 'Hostname') continue;
    const service = context.resolveHost(address.value, namespace).service;
    const selector = service?.spec.selector;
    if (service && selector && Object.keys(selector).length > 0)
      pods.push(...context.podsSelectedBy(selector, namespaceOf(service)));
  }
  return pods;
}

function created(object: MeshObject): string {
  return object.metadata.creationTimestamp ?? '';
}

/** istiod's order of the two Gateways: creation time, then name, then namespace (an unset time is oldest). */
function istioFirst(istio: Gateway, kube: KubernetesGateway): boolean {
  // The Gateway API Gateway reaches istiod as a Gateway named `<name>~istio-autogenerated-k8s-gateway~<listener>`.
  const a = [created(istio), istio.metadata.name, namespaceOf(istio)];
  const b = [created(kube), `${kube.metadata.name}~istio-autogenerated-k8s-gateway`, namespaceOf(kube)];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] ?? '') < (b[i] ?? '');
  return true;
}

function message(
  route: GatewayRoute,
  vs: VirtualService,
  istio: Gateway,
  kube: KubernetesGateway,
  host: string,
  port: number,
): string {
  const vsName = `VirtualService ${namespaceOf(vs)}/${vs.metadata.name}`;
  const routeName = `${route.kind} ${namespaceOf(route)}/${route.metadata.name}`;
  const first = istioFirst(istio, kube);
  const older = first
    ? `Istio Gateway ${namespaceOf(istio)}/${istio.metadata.name}`
    : `Gateway API Gateway ${namespaceOf(kube)}/${kube.metadata.name}`;
  const winner = first ? vsName : `this ${route.kind}`;
  return `${vsName} (through Istio Gateway ${namespaceOf(istio)}/${istio.metadata.name}) and ${routeName} (through Gateway ${namespaceOf(kube)}/${kube.metadata.name}) both route ${host} on port ${port} of the same gateway pods. istiod merges them into one virtual host: the specific matches of both first, then the catch-alls, each time the routes of the older Gateway object (${older}) before the other's. So where both match — a catch-all \`/\` in both, say — ${winner} wins, whichever route is newer; not what people expect. Keep the host in one of them.`;
}
