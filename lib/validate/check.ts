import type { MeshObject } from '../mesh/types';
import type { ValidationContext } from './context';
import type { RuleCode } from './rules';

/** Reports one finding; severity and istioCode come from the catalogue (rules.ts). */
export type Emit = (code: RuleCode, object: MeshObject, path: string, message: string) => void;

/** What a rule reports through. */
export interface Report {
  emit: Emit;
  /**
   * Visits each object. An exception while visiting one is reported on that object as
   * VALIDATE_RULE_FAILED, and the rule goes on with the next: odd input never stops validation.
   */
  each<T extends MeshObject>(objects: readonly T[], visit: (object: T) => void): void;
}

/** One rule, or a small group of related rules, run over the indexed snapshot. */
export interface Check {
  /** Named for what it checks, like its file. */
  name: string;
  /** The codes it may report. */
  codes: readonly RuleCode[];
  run(context: ValidationContext, report: Report): void;
}
