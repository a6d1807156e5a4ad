import { describe, expect, it } from 'vitest';
import { InvalidError } from '@/lib/mesh/errors';
import { reportHref } from '@/lib/report/report-query';
import { readReportRequest, reportQueryOf } from './report-request';

const read = (query: string) => readReportRequest(new URLSearchParams(query));

describe('readReportRequest', () => {
  it('defaults to Markdown of the routing as it stands, for every namespace', () => {
    expect(read('')).toEqual({ format: 'md', namespaces: [], period: {} });
  });

  it('reads namespaces, a past time and a period; the period ends at that time unless told', () => {
    const request = read('format=png&namespace=shop&namespace=legacy&namespace=shop&at=2026-03-03T14:00:00Z');
    expect(request).toEqual({
      format: 'png',
      namespaces: ['legacy', 'shop'],
      at: '2026-03-03T14:00:00.000Z',
      period: { to: '2026-03-03T14:00:00.000Z' },
    });
    expect(read('at=2026-03-03T14:00:00Z&to=2026-03-04T00:00:00Z').period.to).toBe(
      '2026-03-04T00:00:00.000Z',
    );
  });

  it('refuses an unknown format, a date that is not one, and a period that ends before it starts', () => {
    expect(() => read('format=pdf')).toThrow(InvalidError);
    expect(() => read('at=yesterday')).toThrow(/at is not a date and time: yesterday/);
    expect(() => read('from=2026-03-04T00:00:00Z&to=2026-03-03T00:00:00Z')).toThrow(/from .* is after to/);
  });

  it('refuses a namespace that is not a Kubernetes namespace name, naming the parameter', () => {
    expect(() => read('namespace=<img src=x onerror=alert(1)>')).toThrow(InvalidError);
    expect(() => read('namespace=<img src=x onerror=alert(1)>')).toThrow(
      /^namespace is a Kubernetes namespace name/,
    );
    expect(() => read('namespace=shop&namespace=Shop')).toThrow(/not "Shop"/);
    expect(() => read('namespace=-shop')).toThrow(InvalidError);
    expect(() => read(`namespace=${'a'.repeat(64)}`)).toThrow(InvalidError);
    expect(read(`namespace=a&namespace=${'a'.repeat(63)}&namespace=shop-2`).namespaces).toHaveLength(3);
  });

  it('links to the same report in another format', () => {
    const request = read('namespace=shop&at=2026-03-03T14:00:00Z&from=2026-03-01T00:00:00Z');
    const again = readReportRequest(
      new URL(`http://weir${reportHref(reportQueryOf(request), 'svg')}`).searchParams,
    );
    expect(again).toEqual({ ...request, format: 'svg' });
  });
});
