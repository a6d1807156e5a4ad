import { RULES, type RuleInfo } from '@/lib/validate/rules';

/** The catalogue's entry for a code, or undefined for a code it does not know. */
export function ruleOf(code: string | undefined): RuleInfo | undefined {
  return code ? (RULES as Readonly<Record<string, RuleInfo | undefined>>)[code] : undefined;
}

/** Why a problem happens and what to change, from the rule catalogue (docs/validation.md). */
export function RuleDocs({ code }: { code: string | undefined }) {
  const rule = ruleOf(code);
  if (!rule) return <p className="text-slate-500">No explanation is written for this code yet.</p>;
  return (
    <dl className="grid gap-1 text-slate-700">
      <dt className="font-semibold text-slate-900">Why</dt>
      <dd>{rule.cause}</dd>
      <dt className="font-semibold text-slate-900">Fix</dt>
      <dd>{rule.fix}</dd>
    </dl>
  );
}
