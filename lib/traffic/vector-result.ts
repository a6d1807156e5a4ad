import { z } from 'zod';
import type { QueryName } from './promql';
import type { SeriesKey, TrafficSample } from './types';

// Prometheus answers an instant query with {status, data: {resultType: 'vector', result:
// [{metric: {...}, value: [time, "1.5"]}]}}. Anything else — another result type, a series
// without the labels Weir groups by, a value that is not a finite number — is left out, never
// trusted: a Prometheus that answers oddly costs the edges their figures, nothing more.

const MAX_LABEL = 512;
const answerSchema = z.object({
  status: z.literal('success'),
  data: z.object({ resultType: z.literal('vector'), result: z.array(z.unknown()) }),
});

/** One usable series of an answer: its group and value. */
export interface VectorPoint {
  key: SeriesKey;
  /** `response_flags`, for the flags query. */
  flags?: string;
  value: number;
}

const isLabel = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_LABEL;

/** The usable series of one instant-query answer; throws when the answer is not a vector at all. */
export function readVector(body: unknown): VectorPoint[] {
  const answer = answerSchema.safeParse(body);
  if (!answer.success) throw new Error('Prometheus did not answer with an instant vector');
  // Checked by hand, not a schema per series: an answer holds thousands of them per refresh.
  const points: VectorPoint[] = [];
  for (const entry of answer.data.data.result) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { metric, value: pair } = entry as { metric?: unknown; value?: unknown };
    if (typeof metric !== 'object' || metric === null || !Array.isArray(pair) || pair.length !== 2) continue;
    if (typeof pair[1] !== 'string') continue;
    const value = Number(pair[1]);
    if (!Number.isFinite(value) || value < 0) continue;
    const labels = metric as Record<string, unknown>;
    const service = labels.destination_service;
    const namespace = labels.destination_service_namespace;
    const workload = labels.destination_workload;
    const version = labels.destination_version;
    const sourceWorkload = labels.source_workload;
    const sourceNamespace = labels.source_workload_namespace;
    if (
      !isLabel(service) ||
      !service ||
      !isLabel(namespace) ||
      !isLabel(workload) ||
      !isLabel(version) ||
      !isLabel(sourceWorkload) ||
      !isLabel(sourceNamespace)
    )
      continue;
    const flags = labels.response_flags;
    points.push({
      key: { service, namespace, workload, version, sourceWorkload, sourceNamespace },
      ...(isLabel(flags) && { flags }),
      value,
    });
  }
  return points;
}

const keyText = (key: SeriesKey) =>
  [key.service, key.namespace, key.workload, key.version, key.sourceWorkload, key.sourceNamespace].join('\n');

/** The answers of one window merged into one sample per destination group. */
export function mergeSamples(answers: Partial<Record<QueryName, VectorPoint[]>>): TrafficSample[] {
  const samples = new Map<string, TrafficSample>();
  const at = (key: SeriesKey) => {
    const id = keyText(key);
    let sample = samples.get(id);
    if (!sample) {
      sample = { ...key, rps: 0, errorRps: 0 };
      samples.set(id, sample);
    }
    return sample;
  };
  for (const point of answers.requests ?? []) at(point.key).rps += point.value;
  for (const point of answers.errors ?? []) at(point.key).errorRps += point.value;
  for (const point of answers.flags ?? []) {
    if (!point.flags || point.value <= 0) continue;
    const sample = at(point.key);
    sample.flags = { ...sample.flags, [point.flags]: (sample.flags?.[point.flags] ?? 0) + point.value };
  }
  for (const name of ['p50', 'p99', 'tcpBytes', 'tcpConnections'] as const) {
    for (const point of answers[name] ?? []) at(point.key)[name] = point.value;
  }
  return [...samples.values()];
}
