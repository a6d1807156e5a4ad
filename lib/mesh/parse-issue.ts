import type { z } from 'zod';

type Issue = z.core.$ZodIssue;
type PathSegment = PropertyKey;

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  record: 'an object',
};

/** One line saying what is wrong and where: `spec.http[0].route[0].weight: expected a number, got "ten"`. */
export function describeIssues(issues: readonly Issue[]): string {
  const [first] = issues;
  if (!first) return 'invalid';
  const extra = issues.length - 1;
  const more = extra > 0 ? ` (and ${extra} more problem${extra > 1 ? 's' : ''})` : '';
  return `${formatPath(first.path)}: ${describeIssue(first)}${more}`;
}

/**
 * Each problem with its field: `[{path: 'change.routeIndex', message: 'expected a number, got
 * "0"'}]`. A union's failure is described by the branch that got furthest (a branch whose
 * discriminator did not match is no candidate while another is), so a wrong type deep in a
 * change names that field, not "invalid input" at the top.
 */
export function issueProblems(issues: readonly Issue[]): Array<{ path: string; message: string }> {
  return issues.flatMap((issue) => {
    if (issue.code !== 'invalid_union' || issue.errors.length === 0) {
      return [{ path: formatPath(issue.path), message: describeIssue(issue) }];
    }
    const branches = issue.errors.map((branch) =>
      branch.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }) as Issue),
    );
    const mismatch = (branch: Issue[]) => branch.filter(isDiscriminatorMismatch).length;
    const best = [...branches].sort((a, b) => mismatch(a) - mismatch(b) || a.length - b.length)[0] ?? [];
    if (best.length > 0 && best.every(isDiscriminatorMismatch)) {
      const [first] = best;
      const options = branches.flat().flatMap((i) => (isDiscriminatorMismatch(i) ? optionsOf(i) : []));
      const values = [...new Set(options)].map((o) => JSON.stringify(o)).join(', ');
      return [{ path: formatPath(first?.path ?? []), message: `expected one of ${values}` }];
    }
    if (best.length === 0) return [{ path: formatPath(issue.path), message: describeIssue(issue) }];
    return issueProblems(best);
  });
}

function isDiscriminatorMismatch(issue: Issue): boolean {
  return issue.code === 'invalid_union' && 'note' in issue && issue.note === 'No matching discriminator';
}

function optionsOf(issue: Issue): unknown[] {
  const options = (issue as { options?: unknown }).options;
  return Array.isArray(options) ? options : [];
}

/** A field path as the rest of Weir writes it: `spec.http[0].match[0].headers["end-user"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment))
      out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out || '(object)';
}

function describeIssue(issue: Issue): string {
  // Parsed with reportInput; YAML and JSON have no undefined, so undefined means absent.
  const got = issue.input === undefined ? '' : `, got ${describeValue(issue.input)}`;
  switch (issue.code) {
    case 'invalid_type':
      return got ? `expected ${EXPECTED[issue.expected] ?? issue.expected}${got}` : 'is required';
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}${got}`;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
      return `expected at least ${String(issue.minimum)}${got}`;
    case 'too_big':
      return `expected at most ${String(issue.maximum)}${got}`;
    case 'invalid_union':
      return `expected ${unionExpectation(issue) ?? 'another shape'}${got}`;
    default:
      return issue.message;
  }
}

// `targetPort: number | string` fails as a union; name the types it accepts.
function unionExpectation(issue: Extract<Issue, { code: 'invalid_union' }>): string | undefined {
  const expected = issue.errors.map((branch) => {
    const [only] = branch;
    return branch.length === 1 && only?.code === 'invalid_type' && only.path.length === 0
      ? (EXPECTED[only.expected] ?? only.expected)
      : undefined;
  });
  if (expected.length === 0 || expected.some((e) => e === undefined)) return undefined;
  return expected.join(' or ');
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  return String(value);
}
