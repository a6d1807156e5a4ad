import { beforeAll, describe, expect, it } from 'vitest';
import { createTestNamespace, kubeConfigAs } from '../../tools/test/kube';
import { kubeRequest } from '../kube/request';
import { CRD_VALID_CASES } from '../mesh/gateway-api-crd-valid';
import { kindFieldErrors } from '../mesh/kind-field-errors';

// Weir's own field checks (the forms' and the server's: kindFieldErrors) against the CRDs the
// local API server holds (sigs.k8s.io/gateway-api v1.6.3, standard channel): what the API
// server takes, Weir takes; where Weir refuses, so does the API server.
describe('Gateway API field checks agree with the installed CRDs', () => {
  let ns: string;
  const dryRunCreate = (kind: string, spec: Record<string, unknown>, name: string) => {
    const plural = kind === 'KubernetesGateway' ? 'gateways' : 'httproutes';
    return kubeRequest(kubeConfigAs('admin'), {
      method: 'POST',
      path: `/apis/gateway.networking.k8s.io/v1/namespaces/${ns}/${plural}`,
      query: { dryRun: 'All' },
      body: {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: kind === 'KubernetesGateway' ? 'Gateway' : kind,
        metadata: { name, namespace: ns },
        spec,
      },
    });
  };

  beforeAll(async () => {
    ns = await createTestNamespace('gwapi-crd');
  });

  it.each(CRD_VALID_CASES.map((c, i) => ({ ...c, i })))(
    'the API server and Weir both take: $why',
    async ({ kind, spec, i }) => {
      await expect(dryRunCreate(kind, spec, `case-${i}`)).resolves.toBeDefined();
      expect(kindFieldErrors(kind, spec)).toEqual([]);
    },
  );

  const refused: Array<{ why: string; spec: Record<string, unknown> }> = [
    {
      why: 'ReplacePrefixMatch with two matches',
      spec: {
        rules: [
          {
            matches: [{ path: { value: '/a' } }, { path: { value: '/b' } }],
            filters: [
              {
                type: 'URLRewrite',
                urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } },
              },
            ],
          },
        ],
      },
    },
    {
      why: 'ReplacePrefixMatch with an Exact match',
      spec: {
        rules: [
          {
            matches: [{ path: { type: 'Exact', value: '/a' } }],
            filters: [
              {
                type: 'RequestRedirect',
                requestRedirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } },
              },
            ],
          },
        ],
      },
    },
    {
      why: 'the same parent twice without sectionName, once with its defaults written out',
      spec: {
        parentRefs: [{ name: 'edge' }, { name: 'edge', group: 'gateway.networking.k8s.io', kind: 'Gateway' }],
      },
    },
    { why: 'a parentRef kind that is no kind', spec: { parentRefs: [{ name: 'edge', kind: 'Not a kind' }] } },
    { why: 'a parentRef port of 0', spec: { parentRefs: [{ name: 'edge', port: 0 }] } },
    {
      why: 'two refs to one Gateway differing by port alone (the standard channel tells them apart by sectionName only)',
      spec: {
        parentRefs: [
          { name: 'edge', port: 80 },
          { name: 'edge', port: 443 },
        ],
      },
    },
  ];
  it.each(refused.map((c, i) => ({ ...c, i })))(
    'the API server and Weir both refuse: $why',
    async ({ spec, i }) => {
      await expect(dryRunCreate('HTTPRoute', spec, `refused-${i}`)).rejects.toThrow();
      expect(kindFieldErrors('HTTPRoute', spec)).not.toEqual([]);
    },
  );
});
