import { refusedCertificateRefs } from '../../mesh/resolve';
import type { Check } from '../check';
import { namespaceOf } from '../walk';

/**
 * A Gateway API Gateway's listener that terminates TLS with a certificate Secret in another
 * namespace needs a ReferenceGrant there (from Gateways of its namespace, to Secrets). istiod
 * refuses the reference otherwise (`buildTLS` in pilot/pkg/config/kube/gateway/conversion.go of
 * the pinned istio.io/istio: "certificateRef … not accessible to a Gateway in namespace …
 * (missing a ReferenceGrant?)"), marks the listener ResolvedRefs=False (RefNotPermitted),
 * Accepted and Programmed False, and serves it without that certificate. Which refs: the
 * refusedCertificateRefs of lib/mesh/resolve (also what the grant offered names).
 */
export const gwapiListeners: Check = {
  name: 'gwapi-listeners',
  codes: ['GWAPI_CERTIFICATE_NOT_PERMITTED'],
  run(context, { each, emit }) {
    each([...context.kubeGateways.values()], (gateway) => {
      const namespace = namespaceOf(gateway);
      const seen = (ns: string) => context.knownNamespaces.has(ns);
      for (const { path, listener, target } of refusedCertificateRefs(
        gateway,
        context.referenceGrants,
        seen,
      )) {
        emit(
          'GWAPI_CERTIFICATE_NOT_PERMITTED',
          gateway,
          path,
          `Listener ${listener} uses Secret ${target.namespace}/${target.name} from another namespace, and no ReferenceGrant in ${target.namespace} allows Gateways from ${namespace} to it: Istio leaves the certificate out (listener ResolvedRefs=False, RefNotPermitted), so TLS handshakes on it fail.`,
        );
      }
    });
  },
};
