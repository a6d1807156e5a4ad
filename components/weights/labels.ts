import { type RouteAddress, routeTitle } from '@/lib/mesh/route-address';

interface DestinationOfRoute extends RouteAddress {
  host: string;
  subset?: string;
  port?: number;
}

/** A destination as a person names it: `catalog v2`, `payments:8080`. */
export function destinationName({
  host,
  subset,
  port,
}: Pick<DestinationOfRoute, 'host' | 'subset' | 'port'>): string {
  const short = host.replace(/\.svc\.cluster\.local$/, '');
  return `${short}${port ? `:${port}` : ''}${subset ? ` ${subset}` : ''}`;
}

/** The accessible name of a weight slider: "Weight of catalog v2 in shop/catalog http[0]". */
export function weightLabel(destination: DestinationOfRoute): string {
  return `Weight of ${destinationName(destination)} in ${routeTitle(destination)}`;
}
