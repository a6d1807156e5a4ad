import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseObject } from '../mesh/parse';
import type { StoredObject } from '../mesh/types';
import { validate } from '../validate';
import { EventLog } from './event-log';

// A view of some namespaces takes the root namespace's Sidecars (they set every namespace's
// outbound policy) from the root the held mesh config names, as the whole mesh does
// (meshOutbound): else validate(snapshot(['shop'])) and validate(snapshot()) disagree.

// The mesh config is read at istio-control/istio here (WEIR_ISTIO_ROOT_NAMESPACE).
const PLACE = { namespace: 'istio-control', name: 'istio' };

const objects = (text: string): StoredObject[] =>
  parseAllDocuments(text).flatMap((document) => {
    const object = parseObject(document.toJSON(), undefined, PLACE);
    return object ? [object] : [];
  });

const meshConfig = (mesh: string) => `apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-control}
data: {mesh: "${mesh}"}`;

const MESH = objects(`apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: default, namespace: mesh-root}
spec: {outboundTrafficPolicy: {mode: REGISTRY_ONLY}}
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: default, namespace: istio-control}
spec: {outboundTrafficPolicy: {mode: ALLOW_ANY}}
---
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio-injection: enabled}}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: api, namespace: shop}
spec:
  hosts: [api.example.org]
  exportTo: ["."]
  http: [{route: [{destination: {host: api.example.org}}]}]`);

const codesIn = (log: EventLog, namespaces?: string[]) =>
  validate(log.snapshot(namespaces))
    .filter((f) => f.ref.namespace === 'shop')
    .map((f) => f.code)
    .sort();

describe("a namespace view and the whole mesh: the same root namespace's Sidecars", () => {
  it('follows the root the mesh config names, and moves when it names another', () => {
    const log = new EventLog({
      backend: 'files',
      source: 'test',
      demo: false,
      meshConfig: PLACE,
    });
    for (const object of [...MESH, ...objects(meshConfig('rootNamespace: mesh-root'))]) log.put(object);
    expect(codesIn(log)).toContain('OUTBOUND_HOST_BLOCKED');
    expect(codesIn(log, ['shop'])).toEqual(codesIn(log));

    // Names none now: istiod's default, istio-system (no Sidecar there): ALLOW_ANY everywhere.
    for (const object of objects(meshConfig('{}'))) log.put(object);
    expect(codesIn(log)).not.toContain('OUTBOUND_HOST_BLOCKED');
    expect(codesIn(log, ['shop'])).toEqual(codesIn(log));

    // Unknown: the place it is read (istio-control) is assumed; its Sidecar says ALLOW_ANY.
    log.setMeshConfigUnknown('Weir may not read istio-control/istio');
    expect(codesIn(log, ['shop'])).toEqual(codesIn(log));
    // And back to mesh-root, known.
    log.setMeshConfigUnknown(undefined);
    for (const object of objects(meshConfig('rootNamespace: mesh-root'))) log.put(object);
    expect(codesIn(log, ['shop'])).toEqual(codesIn(log));
    expect(codesIn(log, ['shop'])).toContain('OUTBOUND_HOST_BLOCKED');
  });
});
