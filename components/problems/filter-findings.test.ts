import { describe, expect, it } from 'vitest';
import type { Finding, Severity } from '@/lib/validate/types';
import {
  countBySeverity,
  countLabel,
  facetsOf,
  filterFindings,
  inNamespaces,
  NO_FILTER,
  sortFindings,
} from './filter-findings';

function finding(severity: Severity, code: string, namespace: string, name: string, kind = 'VirtualService') {
  return {
    code,
    severity,
    ref: {
      kind,
      namespace: kind === 'Namespace' ? '' : namespace,
      name: kind === 'Namespace' ? namespace : name,
    },
    path: 'spec',
    message: `${code} on ${name}`,
  } as Finding;
}

const legacy = finding('warning', 'NAMESPACE_NOT_INJECTED', 'legacy', 'inventory');
const subset = finding('error', 'VS_SUBSET_NOT_FOUND', 'shop', 'catalog');
const weights = finding('warning', 'VS_WEIGHT_SUM', 'shop', 'reviews');
const tls = {
  ...finding('info', 'DR_TLS_NO_CA', 'payments', 'bank', 'DestinationRule'),
  istioCode: 'IST0128',
};
const namespaced = finding('warning', 'NS_THING', 'batch', '', 'Namespace');
const all = [legacy, tls, weights, subset, namespaced];

describe('sortFindings', () => {
  it('puts errors first, then warnings, then info, each by namespace and object', () => {
    expect(sortFindings(all).map((item) => item.code)).toEqual([
      'VS_SUBSET_NOT_FOUND',
      'NS_THING',
      'NAMESPACE_NOT_INJECTED',
      'VS_WEIGHT_SUM',
      'DR_TLS_NO_CA',
    ]);
  });
});

describe('inNamespaces', () => {
  it('keeps everything when no namespace is chosen', () => {
    expect(inNamespaces(all, [])).toHaveLength(5);
  });
  it('keeps the findings of the chosen namespaces, a Namespace finding by its own name', () => {
    expect(inNamespaces(all, ['shop', 'batch']).map((item) => item.code)).toEqual([
      'VS_WEIGHT_SUM',
      'VS_SUBSET_NOT_FOUND',
      'NS_THING',
    ]);
  });
});

describe('filterFindings', () => {
  it('passes everything through the empty filter', () => {
    expect(filterFindings(all, NO_FILTER)).toEqual(all);
  });
  it('filters by severity, namespace and code together', () => {
    const filter = { ...NO_FILTER, severities: new Set<Severity>(['warning']), namespace: 'shop' };
    expect(filterFindings(all, filter)).toEqual([weights]);
    expect(filterFindings(all, { ...NO_FILTER, code: 'VS_SUBSET_NOT_FOUND' })).toEqual([subset]);
  });
  it('matches free text against code, istio code, object and message, ignoring case', () => {
    expect(filterFindings(all, { ...NO_FILTER, text: 'ist0128' })).toEqual([tls]);
    expect(filterFindings(all, { ...NO_FILTER, text: 'legacy/INVENTORY' })).toEqual([legacy]);
    expect(filterFindings(all, { ...NO_FILTER, text: '  on catalog ' })).toEqual([subset]);
  });
});

describe('counts', () => {
  it('counts by severity and says so briefly', () => {
    expect(countBySeverity(all)).toEqual({ error: 1, warning: 3, info: 1 });
    expect(countLabel(countBySeverity(all))).toBe('1 error · 3 warnings · 1 note');
    expect(countLabel(countBySeverity([weights, legacy]))).toBe('2 warnings');
    expect(countLabel(countBySeverity([]))).toBe('No problems');
  });
});

describe('facetsOf', () => {
  it('lists the namespaces and codes present, sorted', () => {
    expect(facetsOf(all)).toEqual({
      namespaces: ['batch', 'legacy', 'payments', 'shop'],
      codes: ['DR_TLS_NO_CA', 'NAMESPACE_NOT_INJECTED', 'NS_THING', 'VS_SUBSET_NOT_FOUND', 'VS_WEIGHT_SUM'],
    });
  });
});
