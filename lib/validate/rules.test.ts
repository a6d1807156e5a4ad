import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULE_LIST, RULES } from './rules';
import { CHECKS } from './validate';

const docs = readFileSync(fileURLToPath(new URL('../../docs/validation.md', import.meta.url)), 'utf8');

/** The text of `### CODE` up to the next heading. */
function section(code: string): string | undefined {
  const start = docs.indexOf(`\n### ${code}\n`);
  if (start < 0) return undefined;
  const rest = docs.slice(start + 1);
  const end = rest.slice(4).search(/\n#{2,3} /);
  return end < 0 ? rest : rest.slice(0, end + 4);
}

describe('rule catalogue', () => {
  it('has unique UPPER_SNAKE codes and istioctl codes of the form IST0000', () => {
    const codes = RULE_LIST.map((rule) => rule.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const rule of RULE_LIST) {
      expect(rule.code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/);
      if (rule.istioCode) expect(rule.istioCode).toMatch(/^IST\d{4}$/);
      expect(RULES[rule.code as keyof typeof RULES]).toBe(rule);
    }
  });

  it('lists exactly the codes the checks report (plus the rule-failure code)', () => {
    const reported = new Set<string>(CHECKS.flatMap((check) => check.codes));
    reported.add('VALIDATE_RULE_FAILED');
    expect([...reported].sort()).toEqual(RULE_LIST.map((rule) => rule.code).sort());
  });
});

describe('docs/validation.md', () => {
  it('has a section for every rule with its severity, istioctl code and summary', () => {
    for (const rule of RULE_LIST) {
      const text = section(rule.code);
      expect(text, `docs/validation.md has no "### ${rule.code}"`).toBeDefined();
      expect(text).toContain(`Severity **${rule.severity}**`);
      expect(text).toContain(rule.istioCode ? `istioctl: \`${rule.istioCode}\`` : 'istioctl: none');
      expect(text).toContain(rule.summary);
      expect(text).toContain(`**Cause.** ${rule.cause}`);
      expect(text).toContain(`**Fix.** ${rule.fix}`);
      expect(docs).toContain(
        `| [${rule.code}](#${rule.code.toLowerCase()}) | ${rule.severity} | ${rule.istioCode ?? '—'} |`,
      );
    }
  });

  it('states what each error-level rule rests on', () => {
    const start = docs.indexOf('\n## What each error rests on\n');
    const text = docs.slice(start, docs.indexOf('\n## ', start + 1));
    expect(start).toBeGreaterThan(0);
    for (const rule of RULE_LIST.filter((r) => r.severity === 'error'))
      expect(text, `no evidence for ${rule.code}`).toMatch(new RegExp(`[| ,]${rule.code}[ ,|]`));
  });

  it('documents no rule the catalogue lacks', () => {
    const documented = [...docs.matchAll(/^### ([A-Z0-9_]+)$/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual(RULE_LIST.map((rule) => rule.code).sort());
  });
});
