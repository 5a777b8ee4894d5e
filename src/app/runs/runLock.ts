/**
 * One live run per rule: a run of a rule (an admin's, the schedule's, or acting on warned users now) starts only on
 * the rule's next turn (src/jobs/turns.ts), which it gets once the run before it is over.
 */
import { takeTurn } from '../../jobs/turns';
import { FORGE_LIMITS } from '../../platform/forgeLimits';
import { isFinishedRun, type RunRecord } from '../../store/runStore';
import { keyPart } from '../../store/keys';
import { InvalidInputError } from '../../domain/invalidInput';
import { recoverOrphanedRun } from './runRecovery';
import type { Services } from '../services';

/** No request or trigger that took a turn is alive this long after: one whose run is not stored never will store it. */
export const ORPHANED_AFTER_MS = FORGE_LIMITS.invocation.maxFunctionSeconds * 1000;

/** The live run that holds the rule's turn instead, or its id when that run's request is still storing it. */
export type RunningInstead = { run: RunRecord } | { runId: string; run: null };

/** Takes the rule's turn for `runId`, or says which run still has it. Asking again for the same run takes it. */
export async function takeRuleTurn(
  services: Services,
  ruleId: string,
  runId: string,
): Promise<RunningInstead | null> {
  const now = services.platform.clock.now();
  const answer = await takeTurn(services.platform.store, `rule-run:${keyPart(ruleId)}`, runId, {
    now,
    same: (a, b) => a === b,
    isOver: (holder, takenAt) => isOver(services, holder, takenAt, now),
  });
  if (answer.taken) return null;
  const run = await services.runs.get(answer.holder);
  return run ? { run } : { runId: answer.holder, run: null };
}

/** Refuses an admin's start of a rule that is running, naming the run. */
export async function requireRuleTurn(
  services: Services,
  rule: { id: string; name: string },
  runId: string,
): Promise<void> {
  const instead = await takeRuleTurn(services, rule.id, runId);
  if (!instead) return;
  const what = instead.run
    ? `run ${instead.run.id} (${instead.run.state}, started ${instead.run.startedAt ?? instead.run.createdAt} by ${instead.run.actor})`
    : `run ${instead.runId}, which is being started`;
  throw new InvalidInputError(
    'ruleId',
    `Nothing was changed: rule '${rule.name}' is already running as ${what}. Wait for that run to finish, or cancel it.`,
  );
}

async function isOver(services: Services, runId: string, takenAt: Date, now: Date): Promise<boolean> {
  const run = await services.runs.get(runId);
  const abandoned = now.getTime() - takenAt.getTime() >= ORPHANED_AFTER_MS;
  if (!run) return abandoned;
  if (run.state === 'planned' && abandoned) {
    return isFinishedRun(await recoverOrphanedRun(services, run));
  }
  return isFinishedRun(run);
}
