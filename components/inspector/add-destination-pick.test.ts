import { describe, expect, it } from 'vitest';
import { currentPick, distinctChoices, keyOf } from './add-destination-pick';

describe('distinctChoices', () => {
  it('lists a destination once however many times it is offered (53/TCP and 53/UDP)', () => {
    const dns = { label: 'dns:53', destination: { host: 'dns', port: { number: 53 } } };
    const web = { label: 'web:80', destination: { host: 'web', port: { number: 80 } } };
    const listed = distinctChoices([dns, { ...dns }, web, { ...web, label: 'web:80 (again)' }]);
    expect(listed.map((c) => c.label)).toEqual(['dns:53', 'web:80']);
    expect(new Set(listed.map((c) => keyOf(c.destination))).size).toBe(listed.length);
  });
});

describe('currentPick', () => {
  it('keeps the pick while it is a choice, else takes the first one', () => {
    expect(currentPick('b', ['a', 'b'], undefined)).toBe('b');
    // Choices arrived after the form opened with none: the first is picked, Add can be pressed.
    expect(currentPick('', ['a', 'b'], undefined)).toBe('a');
    expect(currentPick('gone', ['a'], undefined)).toBe('a');
    expect(currentPick('', [], undefined)).toBe('');
  });

  it('keeps a typed host (Istio), and falls back to it when there is no choice', () => {
    expect(currentPick('other', ['a'], 'other')).toBe('other');
    expect(currentPick('gone', [], 'other')).toBe('other');
  });
});
