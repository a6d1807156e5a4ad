/** Builders for small, real-looking meshes in the rule tests. */
import { keyOf } from '../mesh/object-key';
import type {
  DestinationRule,
  DestinationRuleSpec,
  Gateway,
  GatewaySpec,
  MeshObject,
  MeshSnapshot,
  Namespace,
  Pod,
  Service,
  ServiceEntry,
  ServiceEntrySpec,
  VirtualService,
  VirtualServiceSpec,
} from '../mesh/types';
import type { Check } from './check';
import { ValidationContext } from './context';
import type { Finding } from './types';
import { runChecks } from './validate';

export function snapshotOf(objects: readonly MeshObject[]): MeshSnapshot {
  return {
    sequence: 1,
    objects: Object.fromEntries(objects.map((object) => [keyOf(object), object])),
    sync: { backend: 'files', source: 'test', demo: false, synced: true, syncedAt: '2025-01-01T00:00:00Z' },
  };
}

/** Runs one check over the objects, as validate would. */
export function findingsOf(check: Check, objects: readonly MeshObject[]): Finding[] {
  return runChecks(new ValidationContext(snapshotOf(objects)), [check]);
}

/** `code path` of each finding, for compact assertions. */
export function brief(findings: readonly Finding[]): string[] {
  return findings.map(
    (finding) =>
      `${finding.code} ${finding.ref.kind}/${finding.ref.namespace}/${finding.ref.name} ${finding.path}`,
  );
}

export function namespace(name: string, labels: Record<string, string> = {}): Namespace {
  return { kind: 'Namespace', apiVersion: 'v1', metadata: { name, labels }, spec: {} };
}

export function service(
  ns: string,
  name: string,
  ports: number[] = [8080],
  selector = { app: name },
): Service {
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: { name, namespace: ns },
    spec: { selector, ports: ports.map((port) => ({ name: `http-${port}`, port, targetPort: port })) },
  };
}

export function pod(ns: string, name: string, labels: Record<string, string>, ready = true): Pod {
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name, namespace: ns, labels },
    spec: {},
    status: { phase: ready ? 'Running' : 'Pending', ready },
  };
}

export function virtualService(ns: string, name: string, spec: VirtualServiceSpec): VirtualService {
  return {
    kind: 'VirtualService',
    apiVersion: 'networking.istio.io/v1',
    metadata: { name, namespace: ns },
    spec,
  };
}

export function destinationRule(ns: string, name: string, spec: DestinationRuleSpec): DestinationRule {
  return {
    kind: 'DestinationRule',
    apiVersion: 'networking.istio.io/v1',
    metadata: { name, namespace: ns },
    spec,
  };
}

export function gateway(ns: string, name: string, spec: GatewaySpec): Gateway {
  return { kind: 'Gateway', apiVersion: 'networking.istio.io/v1', metadata: { name, namespace: ns }, spec };
}

export function serviceEntry(ns: string, name: string, spec: ServiceEntrySpec): ServiceEntry {
  return {
    kind: 'ServiceEntry',
    apiVersion: 'networking.istio.io/v1',
    metadata: { name, namespace: ns },
    spec,
  };
}

/** A DestinationRule with one subset per version, labelled `version: <name>`. */
export function versions(ns: string, host: string, ...names: string[]): DestinationRule {
  return destinationRule(ns, host, {
    host,
    subsets: names.map((name) => ({ name, labels: { version: name } })),
  });
}

/** A route to `host` (optionally a subset) with one destination. */
export function routeTo(host: string, subset?: string) {
  return { route: [{ destination: subset ? { host, subset } : { host } }] };
}
