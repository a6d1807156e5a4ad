import type { MeshSnapshot, ObjectRef } from '../mesh/types';
import { admission } from './admission/check';
import type { Check, Emit, Report } from './check';
import { deprecatedFields } from './checks/deprecated-fields';
import { drDuplicateHost } from './checks/dr-duplicate-host';
import { drHost } from './checks/dr-host';
import { drSubsetPods } from './checks/dr-subset-pods';
import { drSubsets } from './checks/dr-subsets';
import { drTlsVerification } from './checks/dr-tls-verification';
import { gwConflictingServers } from './checks/gw-conflicting-servers';
import { gwDuplicateCertificate } from './checks/gw-duplicate-certificate';
import { gwWorkload } from './checks/gw-workload';
import { gwapiListeners } from './checks/gwapi-listeners';
import { gwapiRouteRefusals } from './checks/gwapi-route-refusals';
import { gwapiRoutes, gwapiWeights } from './checks/gwapi-routes';
import { gwapiVsSameHost } from './checks/gwapi-vs-same-host';
import { namespaceInjection } from './checks/namespace-injection';
import { sePortProtocol } from './checks/se-port-protocol';
import { serviceChecksOff } from './checks/service-checks-off';
import { sidecarHidesHost } from './checks/sidecar-hides-host';
import { vsDelegate } from './checks/vs-delegate';
import { vsDelegateOutsideRoot } from './checks/vs-delegate-outside-root';
import { vsDestinationHost } from './checks/vs-destination-host';
import { vsDestinationPort } from './checks/vs-destination-port';
import { vsDuplicateDestination } from './checks/vs-duplicate-destination';
import { vsGateway } from './checks/vs-gateway';
import { vsGatewayRouteNotServed } from './checks/vs-gateway-route-not-served';
import { vsL4RouteOnHttpPort } from './checks/vs-l4-route-on-http-port';
import { vsMeshHostConflict } from './checks/vs-mesh-host-conflict';
import { vsRouteGatewayUnbound } from './checks/vs-route-gateway-unbound';
import { vsSubset } from './checks/vs-subset';
import { vsUnreachableRoutes } from './checks/vs-unreachable-routes';
import { vsWeights } from './checks/vs-weights';
import { ValidationContext } from './context';
import { RULES } from './rules';
import type { Finding } from './types';
import { refOf } from './walk';

/** Every rule Weir runs, grouped by the kind of object they look at. */
export const CHECKS: readonly Check[] = [
  vsDestinationHost,
  vsDestinationPort,
  vsSubset,
  vsGateway,
  vsWeights,
  vsDuplicateDestination,
  vsUnreachableRoutes,
  vsMeshHostConflict,
  vsDelegate,
  vsDelegateOutsideRoot,
  vsRouteGatewayUnbound,
  vsL4RouteOnHttpPort,
  vsGatewayRouteNotServed,
  sePortProtocol,
  sidecarHidesHost,
  deprecatedFields,
  drHost,
  drDuplicateHost,
  drSubsets,
  drSubsetPods,
  drTlsVerification,
  gwWorkload,
  gwConflictingServers,
  gwDuplicateCertificate,
  gwapiRoutes,
  gwapiWeights,
  gwapiRouteRefusals,
  gwapiListeners,
  gwapiVsSameHost,
  namespaceInjection,
  // After the checks that note the namespaces it speaks of.
  serviceChecksOff,
  admission,
];

/** Every problem with the routing in a snapshot. Pure; never throws. */
export function validate(snapshot: MeshSnapshot): Finding[] {
  return withoutShadowed(runChecks(new ValidationContext(snapshot), CHECKS));
}

const ADMISSION_CODES: ReadonlySet<string> = new Set(admission.codes);

/**
 * Where Istio refuses a field, what else Weir says about that same field follows from it (a
 * gateway reference that is not a valid name is also not found; a negative weight is also a
 * lone weight below 100): the refusal is reported alone.
 */
function withoutShadowed(findings: Finding[]): Finding[] {
  const refused = new Set<string>();
  for (const f of findings) if (ADMISSION_CODES.has(f.code)) refused.add(fieldKey(f));
  if (refused.size === 0) return findings;
  return findings.filter((f) => ADMISSION_CODES.has(f.code) || !refused.has(fieldKey(f)));
}

function fieldKey(f: Finding): string {
  return `${f.ref.kind}/${f.ref.namespace}/${f.ref.name}#${f.path}`;
}

/** Runs some checks over an indexed snapshot (validate runs them all). */
export function runChecks(context: ValidationContext, checks: readonly Check[]): Finding[] {
  const findings: Finding[] = [];
  const emit: Emit = (code, object, path, message) => {
    const rule = RULES[code];
    const finding: Finding = { code, severity: rule.severity, ref: refOf(object), path, message };
    if (rule.istioCode) finding.istioCode = rule.istioCode;
    findings.push(finding);
  };
  for (const check of checks) {
    const report: Report = {
      emit,
      each(objects, visit) {
        for (const object of objects) {
          try {
            visit(object);
          } catch (error) {
            // Which field tripped the rule is not known: the finding names the whole spec.
            emit('VALIDATE_RULE_FAILED', object, 'spec', failure(check, error));
          }
        }
      },
    };
    try {
      check.run(context, report);
    } catch (error) {
      // Not tied to one object: reported with an empty reference.
      const ref: ObjectRef = { kind: 'Namespace', namespace: '', name: '' };
      findings.push({
        code: 'VALIDATE_RULE_FAILED',
        severity: 'info',
        ref,
        path: '',
        message: failure(check, error),
      });
    }
  }
  return findings;
}

function failure(check: Check, error: unknown): string {
  return `Rule ${check.name} failed and was skipped: ${error instanceof Error ? error.message : String(error)}`;
}
