import 'server-only';
import type { FindingsAnswer } from '../api/graph';
import { validate } from '../validate';
import type { Viewer } from './auth/viewer';
import { measuredFindings } from './traffic/measured-findings';

/**
 * The rules' findings on what the person may see, in some namespaces (none named: all),
 * from what a view of them holds rather than the whole mesh; with Prometheus, also what the
 * last minute's traffic says against it (TRAFFIC_*), from the figures the person may see.
 */
export async function findingsOf(viewer: Viewer, namespaces: readonly string[]): Promise<FindingsAnswer> {
  const snapshot = await viewer.snapshot(namespaces);
  const measured = await measuredFindings(viewer.visibility, snapshot);
  const findings = [...validate(snapshot), ...measured].filter(
    (finding) => namespaces.length === 0 || namespaces.includes(finding.ref.namespace),
  );
  return { sequence: snapshot.sequence, findings };
}
