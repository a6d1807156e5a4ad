import 'server-only';
import { createHash } from 'node:crypto';
import type { KubeConfig } from '@kubernetes/client-node';
import type { HistoryEntry } from '../mesh/history';
import { kubeRequest } from './request';

const GROUP_VERSION = 'weir.dev/v1alpha1';
const BASE = '/apis/weir.dev/v1alpha1';

interface RawRoutingChange {
  metadata: { name: string; namespace: string; creationTimestamp?: string };
  spec: Omit<HistoryEntry, 'id'>;
}

interface RawList {
  items?: RawRoutingChange[];
  metadata?: { continue?: string };
}

// A label value is at most 63 characters of [A-Za-z0-9_.-]; a longer name goes by its digest.
function labelValue(value: string): string {
  return /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(value)
    ? value
    : `h-${createHash('sha256').update(value).digest('hex').slice(0, 40)}`;
}

/** The labels that let a list ask for one object's history without reading all of it. */
function objectLabels(object: HistoryEntry['object']): Record<string, string> {
  return { 'weir.dev/kind': labelValue(object.kind), 'weir.dev/name': labelValue(object.name) };
}

/**
 * Records one change as a RoutingChange in the object's namespace. `name` makes the record
 * idempotent (several Weir replicas seeing the same outside change write it once); without
 * it the API server generates one.
 */
export async function createRoutingChange(
  kc: KubeConfig,
  entry: Omit<HistoryEntry, 'id'>,
  name?: string,
): Promise<HistoryEntry> {
  const prefix = entry.object.name
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 40)
    .replace(/^-+|-+$/g, '');
  const written = await kubeRequest<RawRoutingChange>(kc, {
    method: 'POST',
    path: `${BASE}/namespaces/${encodeURIComponent(entry.object.namespace)}/routingchanges`,
    query: { fieldManager: 'weir' },
    body: {
      apiVersion: GROUP_VERSION,
      kind: 'RoutingChange',
      metadata: {
        ...(name ? { name } : { generateName: `${prefix || 'change'}-` }),
        labels: { ...objectLabels(entry.object), 'weir.dev/source': entry.source },
      },
      spec: entry,
    },
  });
  return toEntry(written);
}

/** RoutingChanges in one namespace, or in all (namespace undefined), optionally of one object. */
export async function listRoutingChanges(
  kc: KubeConfig,
  options: { namespace?: string; object?: { kind: string; name: string } } = {},
): Promise<HistoryEntry[]> {
  const path = options.namespace
    ? `${BASE}/namespaces/${encodeURIComponent(options.namespace)}/routingchanges`
    : `${BASE}/routingchanges`;
  const selector = options.object
    ? Object.entries(
        objectLabels({
          kind: options.object.kind as HistoryEntry['object']['kind'],
          namespace: '',
          name: options.object.name,
        }),
      )
        .map(([key, value]) => `${key}=${value}`)
        .join(',')
    : undefined;
  const entries: HistoryEntry[] = [];
  let next: string | undefined;
  do {
    const page = await kubeRequest<RawList>(kc, {
      method: 'GET',
      path,
      query: { limit: '500', continue: next, labelSelector: selector },
    });
    entries.push(...(page.items ?? []).map(toEntry));
    next = page.metadata?.continue || undefined;
  } while (next);
  return entries;
}

function toEntry(raw: RawRoutingChange): HistoryEntry {
  const spec = raw.spec;
  return {
    ...spec,
    id: `${raw.metadata.namespace}/${raw.metadata.name}`,
    object: { ...spec.object, namespace: raw.metadata.namespace },
    routes: spec.routes ?? [],
  };
}
