import type { DestinationRule } from '../../mesh/types';
import type { Check, Emit } from '../check';
import { list, record } from '../walk';

/** TLS origination verifies the server against a CA. */
export const drTlsVerification: Check = {
  name: 'dr-tls-verification',
  codes: ['DR_TLS_NO_CA', 'DR_PORT_TLS_NO_CA'],
  run(context, { each, emit }) {
    each(context.destinationRules, (dr) => {
      checkPolicy(emit, dr, 'spec.trafficPolicy', dr.spec.trafficPolicy);
      list(dr.spec.subsets).forEach((subset, index) => {
        checkPolicy(emit, dr, `spec.subsets[${index}].trafficPolicy`, record(subset).trafficPolicy);
      });
    });
  },
};

function checkPolicy(emit: Emit, dr: DestinationRule, path: string, value: unknown): void {
  const policy = record(value);
  const problem = unverified(policy.tls);
  if (problem) emit('DR_TLS_NO_CA', dr, `${path}.tls`, `TLS mode ${problem} for host "${dr.spec.host}".`);
  list(policy.portLevelSettings as unknown[] | undefined).forEach((settings, index) => {
    const portProblem = unverified(record(settings).tls);
    if (!portProblem) return;
    const port = record(record(settings).port).number;
    emit(
      'DR_PORT_TLS_NO_CA',
      dr,
      `${path}.portLevelSettings[${index}].tls`,
      `TLS mode ${portProblem} for host "${dr.spec.host}" port ${String(port ?? '?')}.`,
    );
  });
}

// A credentialName secret may carry ca.crt, which Weir cannot see: it counts as verified.
function unverified(value: unknown): string | undefined {
  const tls = record(value);
  if (tls.mode !== 'SIMPLE' && tls.mode !== 'MUTUAL') return undefined;
  if (tls.caCertificates || tls.credentialName) return undefined;
  const skip = tls.insecureSkipVerify === true ? ' (insecureSkipVerify is set)' : '';
  return `${tls.mode} without caCertificates: the server certificate is not checked against a CA${skip}`;
}
