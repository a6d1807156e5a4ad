import type { Pod } from '../mesh/types';

// How Istio's telemetry names a pod's workload and version (the labels on istio_requests_total),
// so that tools/traffic reports them as a sidecar would and Weir finds a subset's series by them.

/** Istio's canonical revision: the first of these pod labels, else `latest`. */
const VERSION_LABELS = ['service.istio.io/canonical-revision', 'app.kubernetes.io/version', 'version'];

/** `destination_version` for a pod. */
export function istioVersion(podLabels: Readonly<Record<string, string>>): string {
  for (const key of VERSION_LABELS) {
    const value = podLabels[key];
    if (value) return value;
  }
  return 'latest';
}

/** The version a subset's labels pin, if they pin one of the canonical-revision labels. */
export function subsetVersion(subsetLabels: Readonly<Record<string, string>>): string | undefined {
  for (const key of VERSION_LABELS) {
    const value = subsetLabels[key];
    if (value) return value;
  }
  return undefined;
}

// A Deployment's pod is named <deployment>-<replicaset hash>-<5 characters>; a StatefulSet's
// <name>-<ordinal>. Istio reports the Deployment (or StatefulSet) as destination_workload.
const DEPLOYMENT_POD = /^(.+)-[a-z0-9]{6,10}-[a-z0-9]{5}$/;
const STATEFUL_POD = /^(.+)-[0-9]+$/;

/** `destination_workload` for a pod: its controller's name as the pod's name gives it. */
export function istioWorkload(pod: Pick<Pod, 'metadata'>): string {
  const name = pod.metadata.name;
  return DEPLOYMENT_POD.exec(name)?.[1] ?? STATEFUL_POD.exec(name)?.[1] ?? name;
}
