/**
 * Runs whose job never started (the request that stored the run died first) and cancelling runs. A run's job id
 * follows from the run (runJobIds.ts), so a stored run with no job is found by asking the runner for that id.
 */
import type { ResolverInput } from '../../contract/inputs';
import { InvalidInputError } from '../../domain/invalidInput';
import { isFinishedRun, type RunRecord } from '../../store/runStore';
import type { RunInput } from './run';
import { runJobId, undoJobId } from './runJobIds';
import { ORPHANED_AFTER_MS } from './runLock';
import type { Services } from '../services';

/** The newest runs the hourly recovery looks through: far more than a day's worth of runs. */
const RECENT_RUNS = 100;

function jobIdOf(run: RunRecord): string {
  return run.trigger === 'undo' ? undoJobId(run.id) : runJobId(run.id);
}

/**
 * Finishes what the request of a planned run with no job left undone: a scheduled run, or an admin's run whose items
 * are stored, gets its job (the same id the request would have used, so a late start is harmless); anything else is
 * cancelled, having changed nothing. Returns the run as it now is.
 */
export async function recoverOrphanedRun(services: Services, run: RunRecord): Promise<RunRecord> {
  if (run.state !== 'planned' || (await services.jobs.status(jobIdOf(run)))) return run;
  const startable =
    run.trigger === 'schedule' || (run.trigger === 'admin' && (await services.runs.hasItems(run.id)));
  if (startable) {
    const input: RunInput = { runId: run.id, preplanned: run.trigger === 'admin' };
    await services.jobs.start<RunInput>('run', input, run.actor, { jobId: runJobId(run.id) });
    return run;
  }
  return services.runs.update(run.id, {
    state: 'cancelled',
    finishedAt: services.platform.clock.now().toISOString(),
    message: 'The request that started this run stopped before the run could start; nothing was changed.',
  });
}

/** The hourly sweep: every recent run left planned with no job by a request that died. Returns how many it found. */
export async function recoverOrphanedRuns(services: Services): Promise<number> {
  const cutoff = services.platform.clock.now().getTime() - ORPHANED_AFTER_MS;
  const { runs } = await services.runs.list({ limit: RECENT_RUNS });
  let found = 0;
  for (const run of runs) {
    if (run.state !== 'planned' || Date.parse(run.createdAt) > cutoff) continue;
    const recovered = await recoverOrphanedRun(services, run);
    if (recovered !== run) found++;
  }
  return found;
}

/**
 * An admin stops a run: its job stops at its next step (a batch under way finishes and is audited), or, for a run
 * whose job never started, the run is cancelled at once. A finished run is refused.
 */
export async function cancelRun(
  services: Services,
  input: ResolverInput<'cancelRun'>,
  actor: string,
): Promise<RunRecord> {
  const { runId } = input;
  const run = await services.runs.get(runId);
  if (!run) throw new InvalidInputError('runId', `runId: there is no run '${runId}'`);
  if (isFinishedRun(run)) {
    throw new InvalidInputError('runId', `runId: run ${run.id} has already finished (${run.state})`);
  }
  const job = await services.jobs.cancel(jobIdOf(run), actor);
  if (job) return run;
  return services.runs.update(run.id, {
    state: 'cancelled',
    finishedAt: services.platform.clock.now().toISOString(),
    message: `Cancelled by ${actor} before its job started; nothing was changed.`,
  });
}
