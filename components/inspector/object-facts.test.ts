import { describe, expect, it } from 'vitest';
import type { MeshConfigMap } from '@/lib/mesh/types';
import { objectFacts } from './object-facts';

// istiod merges the ConfigMap onto DefaultMeshConfig, whose RootNamespace is istio-system
// (pkg/config/mesh/mesh.go): a mesh config naming no rootNamespace means istio-system, not
// the namespace the ConfigMap lives in.
const meshConfig = (namespace: string, spec: MeshConfigMap['spec']): MeshConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'istio-1-24', namespace },
  spec,
});
const root = (object: MeshConfigMap) =>
  objectFacts(object).find(([label]) => label === 'Root namespace')?.[1];

describe('the mesh config facts: its root namespace', () => {
  it("is its rootNamespace, else istio-system (Istio's default), wherever it lives", () => {
    expect(root(meshConfig('istio-control', { rootNamespace: 'mesh-root' }))).toBe('mesh-root');
    expect(root(meshConfig('istio-control', {}))).toBe('istio-system (Istio default)');
  });

  it('is assumed to be its own namespace when it cannot be read, and says so', () => {
    expect(root(meshConfig('istio-control', { error: 'data.mesh is not YAML' }))).toBe(
      'istio-control (assumed: the mesh config cannot be read)',
    );
  });
});
