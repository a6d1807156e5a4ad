import { z } from 'zod';

// What the traffic source is told to do. Behaviours are keyed by what Istio's metrics name a
// destination: `<destination_service>/<destination_version>` (`catalog.shop.svc.cluster.local/v2`)
// or the service alone; the most specific key wins, else the defaults.

const behaviour = z.strictObject({
  /** Fraction of requests answered 503, 0..1. */
  errorRate: z.number().min(0).max(1),
  /** Typical latency, ms (each request takes 0.5× to 1.5× of it). */
  latencyMs: z.number().min(0).max(600_000),
  /** Envoy's response flags on the failed requests (`UO`: a circuit breaker), default `-`: the app failed. */
  responseFlags: z
    .string()
    .regex(/^[A-Z]{2,5}(,[A-Z]{2,5})*$/)
    .optional(),
});
export type Behaviour = z.infer<typeof behaviour>;

export const settingsSchema = z.strictObject({
  /** Requests per second each flow sends. */
  requestsPerSecond: z.number().min(0).max(10_000),
  defaults: behaviour,
  behaviours: z.record(z.string().max(512), behaviour),
});
export type TrafficSettings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: TrafficSettings = {
  requestsPerSecond: 50,
  defaults: { errorRate: 0.001, latencyMs: 40 },
  behaviours: {},
};

/** How a destination answers under these settings. */
export function behaviourOf(settings: TrafficSettings, service: string, version: string): Behaviour {
  return settings.behaviours[`${service}/${version}`] ?? settings.behaviours[service] ?? settings.defaults;
}
