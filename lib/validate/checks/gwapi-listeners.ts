import { certificateTarget, isSecretRef, referenceGranted } from '../../mesh/resolve';
import type { Check } from '../check';
import { list, namespaceOf, record } from '../walk';

/**
 * A Gateway API Gateway's listener that terminates TLS with a certificate Secret in another
 * namespace needs a ReferenceGrant there (from Gateways of its namespace, to Secrets). istiod
 * refuses the reference otherwise (`buildTLS` in pilot/pkg/config/kube/gateway/conversion.go of
 * the pinned istio.io/istio: "certificateRef … not accessible to a Gateway in namespace …
 * (missing a ReferenceGrant?)"), marks the listener ResolvedRefs=False (RefNotPermitted),
 * Accepted and Programmed False, and serves it without that certificate.
 */
export const gwapiListeners: Check = {
  name: 'gwapi-listeners',
  codes: ['GWAPI_CERTIFICATE_NOT_PERMITTED'],
  run(context, { each, emit }) {
    each([...context.kubeGateways.values()], (gateway) => {
      const namespace = namespaceOf(gateway);
      list(gateway.spec.listeners).forEach((listener, l) => {
        const tls = record(record(listener).tls);
        if (tls.mode !== undefined && tls.mode !== 'Terminate') return;
        list(tls.certificateRefs as unknown[]).forEach((value, c) => {
          const target = certificateTarget(record(value), namespace);
          // Another kind is no Secret: Istio refuses it outright (InvalidTLS, "only secret is
          // allowed"), and no ReferenceGrant would change that.
          if (!isSecretRef(target) || !target.name || target.namespace === namespace) return;
          // A namespace Weir sees nothing of (hidden from this person, outside
          // WEIR_NAMESPACES) may hold the grant: "none allows it" cannot be said there.
          if (!context.knownNamespaces.has(target.namespace)) return;
          const from = { kind: 'Gateway', namespace };
          if (referenceGranted(context.referenceGrants, from, target)) return;
          emit(
            'GWAPI_CERTIFICATE_NOT_PERMITTED',
            gateway,
            `spec.listeners[${l}].tls.certificateRefs[${c}]`,
            `Listener ${String(record(listener).name ?? l)} uses Secret ${target.namespace}/${target.name} from another namespace, and no ReferenceGrant in ${target.namespace} allows Gateways from ${namespace} to it: Istio leaves the certificate out (listener ResolvedRefs=False, RefNotPermitted), so TLS handshakes on it fail.`,
          );
        });
      });
    });
  },
};
