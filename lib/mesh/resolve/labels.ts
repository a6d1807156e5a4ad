// Label selection as Istio and Kubernetes do it for Services, DestinationRule subsets and
// Gateways: equality selectors only.

/**
 * Whether labels satisfy an equality selector; an empty selector selects everything.
 * Mirrors Istio's labels.Instance.SubsetOf (pkg/config/labels/instance.go) as `selector.SubsetOf(labels)`.
 */
export function selects(
  selector: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  for (const key in selector) {
    if (labels?.[key] !== selector[key]) return false;
  }
  return true;
}

/**
 * Like `selects`, but an empty selector selects nothing: how a Service picks its pods.
 * Mirrors Istio's labels.Instance.Match (pkg/config/labels/instance.go).
 */
export function selectsSome(
  selector: Readonly<Record<string, string>> | undefined,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  return selector !== undefined && Object.keys(selector).length > 0 && selects(selector, labels);
}

/** A stable text form of a selector, for messages and map keys: `app=cart,version=v1`. */
export function selectorText(selector: Readonly<Record<string, string>> | undefined): string {
  return Object.keys(selector ?? {})
    .sort()
    .map((key) => `${key}=${selector?.[key]}`)
    .join(',');
}
