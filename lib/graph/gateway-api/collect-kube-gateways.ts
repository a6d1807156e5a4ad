import { list, num, record, strings, text } from '../read';
import type { GraphNode, GraphProblem } from '../types';
import type { GatewayApiIndex } from './gateway-api-index';
import { kubeGatewayId } from './ids';

/**
 * A node per Gateway API Gateway, drawn like an Istio Gateway: its class, then each listener
 * (`https 443/HTTPS *.example.com TLS Terminate`, and where it takes routes from), with the
 * controller's Accepted/Programmed conditions when they are not True.
 */
export function collectKubeGateways(index: GatewayApiIndex): GraphNode[] {
  return index.gateways.map((gateway) => {
    const namespace = gateway.metadata.namespace ?? '';
    const name = gateway.metadata.name;
    const listeners = list(gateway.spec.listeners).map((value) => describeListener(record(value)));
    const className = text(gateway.spec.gatewayClassName);
    return {
      id: kubeGatewayId(namespace, name),
      kind: 'gateway',
      tag: 'Gateway (Gateway API)',
      namespace,
      label: name,
      details: [
        ...(className ? [`class ${className}`] : []),
        ...(listeners.length > 0 ? listeners : ['no listeners']),
        ...(pending(record(gateway.status).conditions) ? ['status: waiting for a controller'] : []),
      ],
      ref: { kind: 'KubernetesGateway', namespace, name },
      problems: conditionProblems(record(gateway.status).conditions, `Gateway ${name}`, [
        'Accepted',
        'Programmed',
      ]),
    };
  });
}

/** A listener in brief: `https 443/HTTPS *.example.com TLS Terminate (cert example-com) · routes from All`. */
export function describeListener(listener: Record<string, unknown>): string {
  const tls = record(listener.tls);
  const certs = list(tls.certificateRefs)
    .map((ref) => text(record(ref).name))
    .filter(Boolean);
  const mode = text(tls.mode) ?? (Object.keys(tls).length > 0 ? 'Terminate' : undefined);
  const allowed = record(listener.allowedRoutes);
  const from = text(record(allowed.namespaces).from);
  const kinds = list(allowed.kinds)
    .map((kind) => text(record(kind).kind))
    .filter(Boolean);
  const routes = [from && `routes from ${from}`, kinds.length > 0 && `kinds ${kinds.join(', ')}`].filter(
    Boolean,
  );
  return [
    text(listener.name) ?? '?',
    `${num(listener.port) ?? '?'}/${text(listener.protocol) ?? '?'}`,
    text(listener.hostname) ?? '*',
    mode && `TLS ${mode}${certs.length > 0 ? ` (cert ${certs.join(', ')})` : ''}`,
    routes.length > 0 && `· ${routes.join(', ')}`,
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * Conditions of the given types that a controller set to False, as problems. Unknown is the
 * API server's default before any controller has looked (reason Pending): not a problem.
 */
export function conditionProblems(
  conditions: unknown,
  subject: string,
  types: readonly string[],
): GraphProblem[] {
  return list(conditions)
    .map(record)
    .filter((condition) => types.includes(String(condition.type)) && condition.status === 'False')
    .map((condition) => ({
      severity: 'warning' as const,
      code: `GatewayApi${String(condition.type)}`,
      message: `${subject}: ${String(condition.type)} is ${String(condition.status ?? 'Unknown')}${
        text(condition.reason) ? ` (${text(condition.reason)})` : ''
      }${text(condition.message) ? `: ${text(condition.message)}` : ''}`,
    }));
}

/** Whether the conditions are still the API server's defaults: no controller has reported yet. */
function pending(conditions: unknown): boolean {
  return list(conditions).some((condition) => record(condition).status === 'Unknown');
}

/** Strings of a list, lower-cased (hostnames compare without case). */
export function hostnamesOf(value: unknown): string[] {
  return strings(value).map((host) => host.toLowerCase());
}
