import { describe, expect, it } from 'vitest';
import { labels, list, num, record, strings, text } from './read';

describe('tolerant readers', () => {
  it('read what has the expected type and nothing else', () => {
    expect(list('nope')).toEqual([]);
    expect(list([1, 'a'])).toEqual([1, 'a']);
    expect(record(['a'])).toEqual({});
    expect(record(null)).toEqual({});
    expect(text('')).toBeUndefined();
    expect(text(5)).toBeUndefined();
    expect(num(Number.NaN)).toBeUndefined();
    expect(num('50')).toBeUndefined();
    expect(strings(['reviews', 3, '', null, 'ratings'])).toEqual(['reviews', 'ratings']);
  });

  it('keeps scalar label values as text', () => {
    expect(labels({ version: 'v2', replicas: 2, nested: { a: 1 } })).toEqual({
      version: 'v2',
      replicas: '2',
    });
  });
});
