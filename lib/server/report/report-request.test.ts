import { describe, expect, it } from 'vitest';
import { InvalidError } from '@/lib/mesh/errors';
import { readReportRequest, reportQuery } from './report-request';

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

  it('links to the same report in another format', () => {
    const request = read('namespace=shop&at=2026-03-03T14:00:00Z&from=2026-03-01T00:00:00Z');
    const again = readReportRequest(new URL(`http://weir${reportQuery(request, 'svg')}`).searchParams);
    expect(again).toEqual({ ...request, format: 'svg' });
  });
});
