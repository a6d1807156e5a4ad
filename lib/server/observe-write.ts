import 'server-only';
import { trackWrite } from './lifecycle';
import { log } from './log';
import { countWrite, type WriteOutcome } from './metrics';

interface WriteLike {
  rebased?: boolean;
  /** The change asked for what was already there: nothing written. */
  unchanged?: boolean;
  summary?: string;
}

interface WriteContext {
  request: Request;
  user: string;
  change: { kind: string; target?: { kind: string; namespace: string; name: string } };
  dryRun?: boolean;
}

/** The outcome a write's result or error counts as (by error code: errors cross bundles). */
export function outcomeOf(result: WriteLike | undefined, error: unknown, dryRun?: boolean): WriteOutcome {
  if (error === undefined) {
    if (dryRun) return 'dry-run';
    return result?.unchanged ? 'unchanged' : result?.rebased ? 'rebased' : 'applied';
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'Conflict') return 'conflict';
  if (code === 'Invalid') return 'refused';
  if (code === 'Forbidden' || code === 'Unauthorized') return 'forbidden';
  return 'failed';
}

/**
 * One write through Weir, observed: a shutdown waits for it, `weir_writes_total` counts its
 * outcome, and one log line says who changed what, how it ended and how long it took.
 */
export async function observeWrite<T extends WriteLike>(context: WriteContext, work: Promise<T>): Promise<T> {
  const started = performance.now();
  let result: T | undefined;
  let failure: unknown;
  try {
    result = await trackWrite(work);
    return result;
  } catch (error) {
    failure = error;
    throw error;
  } finally {
    const outcome = outcomeOf(result, failure, context.dryRun);
    countWrite(outcome);
    const target = context.change.target;
    log().info(
      {
        requestId: context.request.headers.get('x-request-id') ?? undefined,
        user: context.user,
        change: context.change.kind,
        object: target ? `${target.kind}/${target.namespace}/${target.name}` : undefined,
        summary: result?.summary,
        outcome,
        reason: failure instanceof Error ? failure.message : undefined,
        durationMs: Math.round(performance.now() - started),
      },
      'write',
    );
  }
}
