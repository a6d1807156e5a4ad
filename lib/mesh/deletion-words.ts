/** `reviews · v2 (25%)`: one destination of a route, as the confirmation lists it. */
export function describeDestination(d: {
  destination: { host: string; subset?: string };
  weight?: number;
}): string {
  const subset = d.destination.subset ? ` · ${d.destination.subset}` : '';
  return `${d.destination.host}${subset}${d.weight !== undefined ? ` (${d.weight}%)` : ''}`;
}
