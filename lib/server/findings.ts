import 'server-only';
import type { FindingsAnswer } from '../api/graph';
import { validate } from '../validate';
import type { Viewer } from './auth/viewer';

/**
 * The rules' findings on what the person may see, in some namespaces (none named: all),
 * from what a view of them holds rather than the whole mesh.
 */
export async function findingsOf(viewer: Viewer, namespaces: readonly string[]): Promise<FindingsAnswer> {
  const snapshot = await viewer.snapshot(namespaces);
  const findings = validate(snapshot).filter(
    (finding) => namespaces.length === 0 || namespaces.includes(finding.ref.namespace),
  );
  return { sequence: snapshot.sequence, findings };
}
