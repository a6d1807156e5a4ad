import { describe, expect, it } from 'vitest';
import {
  checkDuration,
  checkHttpStatus,
  checkPercent,
  checkPort,
  checkRegex,
  duplicateNames,
} from './field-checks';
import { specFieldErrors } from './field-errors';

describe('field checks', () => {
  it('durations as Istio writes them', () => {
    for (const ok of ['5s', '1.5h', '250ms', '10us', '3µs', '100ns', '2m'])
      expect(checkDuration(ok)).toBeUndefined();
    for (const bad of ['5', '5 s', 's', '-1s', '1d', 5]) expect(checkDuration(bad)).toMatch(/not a duration/);
  });

  it('regexes compile (RE2-only features are named)', () => {
    expect(checkRegex('^/api/v[0-9]+')).toBeUndefined();
    expect(checkRegex('/(a')).toMatch(/not a valid regular expression/);
    expect(checkRegex('(?=x)')).toMatch(/RE2/);
    expect(checkRegex('(a)\\1')).toMatch(/RE2/);
  });

  it('percentages, ports, statuses and duplicates', () => {
    expect(checkPercent(10)).toBeUndefined();
    expect(checkPercent(0.5)).toBeUndefined();
    expect(checkPercent(101)).toMatch(/0 to 100/);
    expect(checkPort(443)).toBeUndefined();
    expect(checkPort(0)).toMatch(/1 to 65535/);
    expect(checkPort(65536)).toMatch(/1 to 65535/);
    expect(checkHttpStatus(503)).toBeUndefined();
    expect(checkHttpStatus(600)).toMatch(/200 to 599/);
    expect(duplicateNames(['v1', 'v2', 'v1', undefined, 'v1'])).toEqual(['v1']);
  });

  it('finds each bad field of a spec by its path', () => {
    expect(
      specFieldErrors({
        http: [
          {
            match: [{ port: 0, headers: { a: { regex: '[' } } }],
            fault: { abort: { httpStatus: 700, percentage: { value: 200 } } },
          },
        ],
      }).map((e) => e.path),
    ).toEqual([
      'http[0].match[0].port',
      'http[0].match[0].headers.a.regex',
      'http[0].fault.abort.httpStatus',
      'http[0].fault.abort.percentage.value',
    ]);
  });
});
