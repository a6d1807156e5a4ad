import { describe, expect, it } from 'vitest';
import { rulePlan } from './prometheus';
import { rulesText } from './rules-file';

describe("tools/prometheus's rule files", () => {
  const generated = '/tmp/p/weir-recording-rules.yaml';

  it('loads the rules generated for its scrape interval by default', () => {
    expect(rulePlan({}, 1, generated)).toEqual({
      ruleFiles: [generated],
      write: { path: generated, text: rulesText(1) },
    });
  });

  it('loads a given rule file alone, writing no generated one', () => {
    expect(rulePlan({ rulesFile: '/chart/rules.yaml' }, 1, generated)).toEqual({
      ruleFiles: ['/chart/rules.yaml'],
    });
  });

  it('loads no rules with recordingRules false, even with a rule file given', () => {
    expect(rulePlan({ recordingRules: false }, 1, generated)).toEqual({ ruleFiles: [] });
    expect(rulePlan({ recordingRules: false, rulesFile: '/chart/rules.yaml' }, 1, generated)).toEqual({
      ruleFiles: [],
    });
  });
});
