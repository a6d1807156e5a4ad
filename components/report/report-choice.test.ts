import { describe, expect, it } from 'vitest';
import {
  checkReportChoice,
  choiceHref,
  fromLocalInput,
  toggleNamespace,
  toLocalInput,
} from './report-choice';

const now = new Date('2026-03-03T15:00:00Z');

describe('the report dialog’s choice', () => {
  it('asks for every namespace with none named, and for the chosen ones by name', () => {
    expect(choiceHref({ namespaces: 'all' }, 'md')).toBe('/api/report?format=md');
    expect(choiceHref({ namespaces: ['legacy', 'shop'], at: '2026-03-03T14:00:00.000Z' }, 'svg')).toBe(
      '/api/report?format=svg&namespace=legacy&namespace=shop&at=2026-03-03T14%3A00%3A00.000Z',
    );
  });

  it('unticking the last namespace chooses none, which blocks the download, never all', () => {
    const available = ['legacy', 'shop'];
    const one = toggleNamespace('all', 'legacy', available);
    expect(one).toEqual(['shop']);
    const none = toggleNamespace(one, 'shop', available);
    expect(none).toEqual([]);
    expect(checkReportChoice({ namespaces: none }, now)).toEqual({
      namespaces: 'Choose at least one namespace.',
    });
    expect(toggleNamespace(none, 'shop', available)).toEqual(['shop']);
    expect(toggleNamespace(['shop'], 'legacy', available)).toBe('all');
    expect(checkReportChoice({ namespaces: 'all' }, now)).toEqual({});
  });

  it('finds a past time still to come and a period that ends before it starts, by field', () => {
    expect(checkReportChoice({ namespaces: 'all', at: '2026-03-03T16:00:00Z' }, now).at).toMatch(
      /still to come/,
    );
    expect(
      checkReportChoice({ namespaces: 'all', from: '2026-03-03T12:00:00Z', to: '2026-03-03T11:00:00Z' }, now),
    ).toEqual({ to: 'The period ends before it starts.' });
    expect(
      checkReportChoice({ namespaces: 'all', at: '2026-03-03T11:00:00Z', from: '2026-03-03T12:00:00Z' }, now)
        .from,
    ).toMatch(/starts after the time of the routing/);
    expect(
      checkReportChoice({ namespaces: 'all', at: '2026-03-03T14:00:00Z', from: '2026-03-03T12:00:00Z' }, now),
    ).toEqual({});
  });

  it('reads and shows times on the person’s own clock, keeping the second', () => {
    const iso = '2026-03-03T14:02:05.000Z';
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
    expect(toLocalInput(undefined)).toBe('');
    expect(fromLocalInput('')).toBeUndefined();
  });
});
