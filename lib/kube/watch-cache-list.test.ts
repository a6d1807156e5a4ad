import { describe, expect, it } from 'vitest';
import { ListVersions } from './watch-cache-list';

describe('ListVersions', () => {
  it('asks the cache as it stands first, then never older than the newest answer', () => {
    const versions = new ListVersions();
    expect(versions.query('a')).toEqual({ resourceVersion: '0' });
    versions.answered('a', '120');
    expect(versions.query('a')).toEqual({ resourceVersion: '120', resourceVersionMatch: 'NotOlderThan' });
    // An older answer (another API server's cache behind) never lowers the floor.
    versions.answered('a', '99');
    expect(versions.query('a').resourceVersion).toBe('120');
    versions.answered('a', '1000');
    expect(versions.query('a').resourceVersion).toBe('1000');
    expect(versions.query('b')).toEqual({ resourceVersion: '0' });
  });

  it('ignores versions that are not numbers and forgets on request', () => {
    const versions = new ListVersions();
    versions.answered('a', 'abc');
    versions.answered('a', undefined);
    expect(versions.query('a')).toEqual({ resourceVersion: '0' });
    versions.answered('a', '7');
    versions.forget('a');
    expect(versions.query('a')).toEqual({ resourceVersion: '0' });
  });
});
