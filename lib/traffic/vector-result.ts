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
    const read = readSeriesKey(metric as Record<string, unknown>);
    if (!read) continue;
    points.push({ ...read, value });
  }
  return points;
}

/** A series' group (and response flags) from its labels; undefined when they are not Istio's. */
function readSeriesKey(labels: Record<string, unknown>): Omit<VectorPoint, 'value'> | undefined {
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
    return undefined;
  const flags = labels.response_flags;
  return {
    key: { service, namespace, workload, version, sourceWorkload, sourceNamespace },
    ...(isLabel(flags) && { flags }),
  };
}

const matrixSchema = z.object({
  status: z.literal('success'),
  data: z.object({ resultType: z.literal('matrix'), result: z.array(z.unknown()) }),
});

/** The most points a range answer may hold that Weir reads (a sparkline's). */
const MAX_MATRIX_POINTS = 200_000;

/**
 * A range-query answer as one list of points per timestamp (Unix seconds), oldest first;
 * throws when the answer is not a matrix. Odd series and values are left out.
 */
export function readMatrix(body: unknown): Array<{ time: number; points: VectorPoint[] }> {
  const answer = matrixSchema.safeParse(body);
  if (!answer.success) throw new Error('Prometheus did not answer with a range matrix');
  const byTime = new Map<number, VectorPoint[]>();
  let read = 0;
  for (const entry of answer.data.data.result) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { metric, values } = entry as { metric?: unknown; values?: unknown };
    if (typeof metric !== 'object' || metric === null || !Array.isArray(values)) continue;
    const key = readSeriesKey(metric as Record<string, unknown>);
    if (!key) continue;
    for (const pair of values) {
      if (++read > MAX_MATRIX_POINTS) break;
      if (!Array.isArray(pair) || typeof pair[0] !== 'number' || typeof pair[1] !== 'string') continue;
      const value = Number(pair[1]);
      if (!Number.isFinite(pair[0]) || !Number.isFinite(value) || value < 0) continue;
      const list = byTime.get(pair[0]);
      if (list) list.push({ ...key, value });
      else byTime.set(pair[0], [{ ...key, value }]);
    }
  }
  return [...byTime].sort((a, b) => a[0] - b[0]).map(([time, points]) => ({ time, points }));
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
