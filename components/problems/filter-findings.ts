import type { Finding, Severity } from '@/lib/validate/types';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** What the person narrowed the problems list to; empty strings mean "any". */
export interface FindingFilter {
  severities: ReadonlySet<Severity>;
  namespace: string;
  code: string;
  text: string;
}

export const NO_FILTER: FindingFilter = {
  severities: new Set(SEVERITIES),
  namespace: '',
  code: '',
  text: '',
};

/** The namespace a finding belongs to: a Namespace finding's own name, otherwise its object's. */
export function namespaceOfFinding(finding: Finding): string {
  return finding.ref.kind === 'Namespace' ? finding.ref.name : finding.ref.namespace;
}

/** `Kind namespace/name`, as the list and the search show an object. */
export function objectLabel(finding: Finding): string {
  const { kind, namespace, name } = finding.ref;
  return namespace ? `${kind} ${namespace}/${name}` : `${kind} ${name}`;
}

/** The findings in the namespaces the page shows (all of them when none is chosen). */
export function inNamespaces(findings: readonly Finding[], namespaces: readonly string[]): Finding[] {
  if (namespaces.length === 0) return [...findings];
  const chosen = new Set(namespaces);
  return findings.filter((finding) => chosen.has(namespaceOfFinding(finding)));
}

/** Errors first, then warnings, then info; within each by namespace, object and path. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      RANK[a.severity] - RANK[b.severity] ||
      namespaceOfFinding(a).localeCompare(namespaceOfFinding(b)) ||
      objectLabel(a).localeCompare(objectLabel(b)) ||
      a.path.localeCompare(b.path) ||
      a.code.localeCompare(b.code),
  );
}

/** The findings that pass every part of the filter; text matches code, object, path and message. */
export function filterFindings(findings: readonly Finding[], filter: FindingFilter): Finding[] {
  const text = filter.text.trim().toLowerCase();
  return findings.filter(
    (finding) =>
      filter.severities.has(finding.severity) &&
      (!filter.namespace || namespaceOfFinding(finding) === filter.namespace) &&
      (!filter.code || finding.code === filter.code) &&
      (!text ||
        [finding.code, finding.istioCode ?? '', objectLabel(finding), finding.path, finding.message].some(
          (field) => field.toLowerCase().includes(text),
        )),
  );
}

/** How many findings there are of each severity. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

const NOUNS: Record<Severity, [string, string]> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  info: ['note', 'notes'],
};

/** `2 errors · 5 warnings`, leaving out severities with none; `No problems` when all are zero. */
export function countLabel(counts: Record<Severity, number>): string {
  const parts = SEVERITIES.filter((severity) => counts[severity] > 0).map((severity) => {
    const [one, many] = NOUNS[severity];
    return `${counts[severity]} ${counts[severity] === 1 ? one : many}`;
  });
  return parts.length > 0 ? parts.join(' · ') : 'No problems';
}

/** The namespaces and codes present, sorted: the choices of the filter's selects. */
export function facetsOf(findings: readonly Finding[]): { namespaces: string[]; codes: string[] } {
  return {
    namespaces: [...new Set(findings.map(namespaceOfFinding))].sort(),
    codes: [...new Set(findings.map((finding) => finding.code))].sort(),
  };
}

/** A stable key for one finding in a list. */
export function findingKey(finding: Finding): string {
  const { kind, namespace, name } = finding.ref;
  return `${finding.code}|${kind}/${namespace}/${name}|${finding.path}|${finding.message}`;
}
