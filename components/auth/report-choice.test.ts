import { describe, expect, it } from 'vitest';
import { checkReportChoice, fromLocalInput, reportHref, toLocalInput } from './report-choice';

const now = new Date('2026-03-03T15:00:00Z');

describe('the report dialog’s choice', () => {
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

  it('finds a past time still to come and a period that ends before it starts, by field', () => {
    expect(checkReportChoice({ namespaces: [], at: '2026-03-03T16:00:00Z' }, now).at).toMatch(
      /still to come/,
    );
    expect(
      checkReportChoice({ namespaces: [], from: '2026-03-03T12:00:00Z', to: '2026-03-03T11:00:00Z' }, now),
    ).toEqual({ to: 'The period ends before it starts.' });
    expect(
      checkReportChoice({ namespaces: [], at: '2026-03-03T11:00:00Z', from: '2026-03-03T12:00:00Z' }, now)
        .from,
    ).toMatch(/starts after the time of the routing/);
    expect(
      checkReportChoice({ namespaces: [], at: '2026-03-03T14:00:00Z', from: '2026-03-03T12:00:00Z' }, now),
    ).toEqual({});
  });

  it('reads and shows times on the person’s own clock, keeping the second', () => {
    const iso = '2026-03-03T14:02:05.000Z';
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
    expect(toLocalInput(undefined)).toBe('');
    expect(fromLocalInput('')).toBeUndefined();
  });
});
