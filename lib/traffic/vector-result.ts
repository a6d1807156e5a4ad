import { z } from 'zod';
import { GROUP_LABELS, type QueryName } from './promql';
import type { SeriesKey, TrafficSample } from './types';

// Prometheus answers an instant query with {status, data: {resultType: 'vector', result:
// [{metric: {...}, value: [time, "1.5"]}]}}. Anything else — another result type, a series
// without the labels Weir groups by, a value that is not a finite number — is left out, never
// trusted: a Prometheus that answers oddly costs the edges their figures, nothing more.

const MAX_LABEL = 512;
const label = z.string().max(MAX_LABEL);
const seriesSchema = z.object({
  metric: z.record(z.string(), z.unknown()),
  value: z.tuple([z.unknown(), z.string()]),
});
const answerSchema = z.object({
  status: z.literal('success'),
  data: z.object({ resultType: z.literal('vector'), result: z.array(z.unknown()) }),
});

/** One usable series of an answer: its group and value. */
export interface VectorPoint {
  key: SeriesKey;
  /** `response_code`, for the requests query. */
  code?: string;
  value: number;
}

/** The usable series of one instant-query answer; throws when the answer is not a vector at all. */
export function readVector(body: unknown): VectorPoint[] {
  const answer = answerSchema.safeParse(body);
  if (!answer.success) throw new Error('Prometheus did not answer with an instant vector');
  const points: VectorPoint[] = [];
  for (const entry of answer.data.data.result) {
    const series = seriesSchema.safeParse(entry);
    if (!series.success) continue;
    const value = Number(series.data.value[1]);
    if (!Number.isFinite(value) || value < 0) continue;
    const labels = series.data.metric;
    const values = GROUP_LABELS.map((name) => label.safeParse(labels[name]));
    if (!values.every((v) => v.success)) continue;
    const [service, namespace, workload, version, sourceWorkload, sourceNamespace] = values.map(
      (v) => v.data as string,
    ) as [string, string, string, string, string, string];
    if (!service) continue;
    const code = label.safeParse(labels.response_code);
    points.push({
      key: { service, namespace, workload, version, sourceWorkload, sourceNamespace },
      ...(code.success && { code: code.data }),
      value,
    });
  }
  return points;
}

const keyText = (key: SeriesKey) =>
  [key.service, key.namespace, key.workload, key.version, key.sourceWorkload, key.sourceNamespace].join('\n');

/** The five answers of one window merged into one sample per destination group. */
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
  for (const point of answers.requests ?? []) {
    const sample = at(point.key);
    sample.rps += point.value;
    if (point.code?.startsWith('5')) sample.errorRps += point.value;
  }
  for (const name of ['p50', 'p99', 'tcpBytes', 'tcpConnections'] as const) {
    for (const point of answers[name] ?? []) at(point.key)[name] = point.value;
  }
  return [...samples.values()];
}
