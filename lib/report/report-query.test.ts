import { describe, expect, it } from 'vitest';
import { reportHref } from './report-query';

describe('reportHref', () => {
  it('makes the address of each format, with namespaces, past time and period', () => {
    const href = reportHref(
      { namespaces: ['shop', 'legacy'], at: '2026-03-03T14:00:00.123Z', from: '2026-03-01T00:00:00.000Z' },
      'png',
    );
    const url = new URL(href, 'http://weir');
    expect(url.pathname).toBe('/api/report');
    expect(url.searchParams.get('format')).toBe('png');
    expect(url.searchParams.getAll('namespace')).toEqual(['shop', 'legacy']);
    expect(url.searchParams.get('at')).toBe('2026-03-03T14:00:00.123Z');
    expect(url.searchParams.get('from')).toBe('2026-03-01T00:00:00.000Z');
    expect(url.searchParams.has('to')).toBe(false);
    expect(reportHref({ namespaces: [] }, 'md')).toBe('/api/report?format=md');
  });
});
