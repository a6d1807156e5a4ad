import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RULES_SCRAPE_SECONDS, recordingRules, ruleIntervals } from './promql';
import { TRAFFIC_WINDOWS } from './types';

const WINDOW_SECONDS = { '1m': 60, '5m': 300, '1h': 3600 } as const;
const seconds = (duration: string) => {
  const match = /^(\d+)(s|m)$/.exec(duration);
  if (!match) throw new Error(`not a duration: ${duration}`);
  return Number(match[1]) * (match[2] === 'm' ? 60 : 1);
};

describe('ruleIntervals', () => {
  it('evaluates the 1m group on every scrape, the others less often, none more often than samples come', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), (scrape) => {
        const every = ruleIntervals(scrape);
        expect(every['1m']).toBe(scrape);
        for (const window of TRAFFIC_WINDOWS) {
          expect(every[window]).toBeGreaterThanOrEqual(scrape);
          // Never more than a fifth of the window behind while scrapes come at least twice a window.
          if (scrape * 5 <= WINDOW_SECONDS[window])
            expect(every[window]).toBeLessThanOrEqual(WINDOW_SECONDS[window] / 5);
        }
        // Each group of the rule file declares its interval, in Prometheus's duration syntax.
        const groups = recordingRules(scrape).groups;
        expect(groups.map((g) => seconds(g.interval))).toEqual(TRAFFIC_WINDOWS.map((w) => every[w]));
      }),
    );
  });

  it('ships 15 s, 30 s and 1 m for the 15 s scrape the chart assumes', () => {
    expect(RULES_SCRAPE_SECONDS).toBe(15);
    expect(recordingRules().groups.map((g) => [g.name, g.interval])).toEqual([
      ['weir-traffic-1m', '15s'],
      ['weir-traffic-5m', '30s'],
      ['weir-traffic-1h', '1m'],
    ]);
  });

  it('refuses a scrape interval that is not a whole number of seconds', () => {
    for (const bad of [0, -1, 0.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => ruleIntervals(bad)).toThrow(/not a scrape interval/);
  });

  it('refuses a scrape interval above 30 s: the 1m window needs two samples in it', () => {
    for (const slow of [31, 45, 60, 61, 3600])
      expect(() => ruleIntervals(slow)).toThrow(/above 30 s: a 1m rate needs two samples/);
    expect(ruleIntervals(30)).toEqual({ '1m': 30, '5m': 30, '1h': 60 });
  });
});
