/** lib/validate: pure checks of a mesh snapshot. `validate(snapshot)` returns every finding. */
export type { RuleCode, RuleInfo } from './rules';
export { RULE_LIST, RULES } from './rules';
export type { Finding, Severity } from './types';
export { validate } from './validate';
