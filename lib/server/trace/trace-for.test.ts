import { describe, expect, it } from 'vitest';
import type { MeshSnapshot } from '../../mesh/types';
import { meshOf, service } from '../../trace/test-mesh';
import type { Viewer } from '../auth/viewer';
import { traceFor } from './trace-for';

// The mesh config is per person (visibility.syncFor): one sequence and one set of objects can
// be a known ALLOW_ANY to an operator and an unknown policy to an auditor. The index cached
// for one must not answer the other.

function viewerSeeing(snapshot: MeshSnapshot): Viewer {
  return {
    handle: {} as Viewer['handle'],
    session: {} as Viewer['session'],
    visibility: {
      restricted: false,
      sees: async () => true,
      mayList: async () => true,
      mayReadMeshConfig: async () => true,
    },
    snapshot: async () => snapshot,
  };
}

const toExample = {
  entry: { kind: 'mesh' as const, namespace: 'shop' },
  request: { port: 80, authority: 'unknown.example.org', path: '/' },
};

describe('traceFor: the cached index and the mesh config', () => {
  const plain = meshOf(service('ratings', 'shop', 9080));
  const where = { namespace: 'istio-system', name: 'istio' };
  const operator = viewerSeeing({
    ...plain,
    sequence: 7_000_001,
    sync: { ...plain.sync, meshConfig: where },
  });
  const auditor = viewerSeeing({
    ...plain,
    sequence: 7_000_001,
    sync: { ...plain.sync, meshConfig: { ...where, unknown: 'you may not read istio-system/istio' } },
  });

  it("does not serve the operator's known policy to an auditor who may not read it", async () => {
    expect((await traceFor(operator, toExample)).result.outcome.kind).toBe('passthrough');
    expect((await traceFor(auditor, toExample)).result.outcome.kind).toBe('policy-unknown');
  });

  it("does not serve the auditor's unknown policy to the operator", async () => {
    const later = { ...plain, sequence: 7_000_002 };
    const auditorFirst = viewerSeeing({
      ...later,
      sync: { ...later.sync, meshConfig: { ...where, unknown: 'you may not read istio-system/istio' } },
    });
    const operatorNext = viewerSeeing({ ...later, sync: { ...later.sync, meshConfig: where } });
    expect((await traceFor(auditorFirst, toExample)).result.outcome.kind).toBe('policy-unknown');
    expect((await traceFor(operatorNext, toExample)).result.outcome.kind).toBe('passthrough');
  });
});
