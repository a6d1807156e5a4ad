import { describe, expect, it } from 'vitest';
import { labelsText, parseLabels, parseList, setPath } from './set-path';

describe('setPath', () => {
  const route = { name: 'default', fault: { delay: { fixedDelay: '5s' } }, unknown: { keep: 1 } };

  it('sets a value deep down, sharing what is off the path', () => {
    const next = setPath(route, ['retries', 'attempts'], 3);
    expect(next).toEqual({ ...route, retries: { attempts: 3 } });
    expect(next.unknown).toBe(route.unknown);
    expect(route).not.toHaveProperty('retries');
  });

  it('removes an emptied field and the mappings it leaves empty', () => {
    expect(setPath(route, ['fault', 'delay', 'fixedDelay'], '')).toEqual({
      name: 'default',
      unknown: { keep: 1 },
    });
  });

  it('sets list items by index', () => {
    expect(setPath({ match: [{ port: 1 }, { port: 2 }] }, ['match', 1, 'port'], 3)).toEqual({
      match: [{ port: 1 }, { port: 3 }],
    });
  });
});

describe('label and list boxes', () => {
  it('read and write k=v lists', () => {
    expect(parseLabels('app=shop, version = v2')).toEqual({ app: 'shop', version: 'v2' });
    expect(parseLabels(' ')).toBeUndefined();
    expect(labelsText({ app: 'shop', version: 'v2' })).toBe('app=shop, version=v2');
    expect(parseList('a.com, b.com,')).toEqual(['a.com', 'b.com']);
  });
});
