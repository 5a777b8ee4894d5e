/** Undo requests: starting an undo of a run (or some of its users), or describing what it would reverse. */
import { z } from 'zod';
import { createHash } from 'node:crypto';
import type { ResolverInput } from '../../contract/inputs';
import type { UndoDescription } from '../../contract/answers';
import { REVERSIBLE_ACTIONS, type ReversibleAction } from '../../domain/reversibleActions';
import { InvalidInputError } from '../../domain/invalidInput';
import { MAX_STATE_BYTES } from '../../jobs/checkpoint';
import { jsonBytes } from '../../store/chunks';
import { CorruptValueError } from '../../store/errors';
import { keyPart } from '../../store/keys';
import { isFinishedRun, type RunRecord } from '../../store/runStore';
import type { Services } from '../services';
import { initialUndoState, startUndoJob, type UndoInput } from './undoJob';
import { planUndo } from './undoPlan';

/** Whether the page may offer "Undo": a finished run (not itself an undo) with at least one change that succeeded. */
export function isUndoable(run: RunRecord): boolean {
  return isFinishedRun(run) && run.trigger !== 'undo' && run.counts.succeeded > 0;
}

/** Where the latest undo of one scope (a run, or some of its users) is recorded, so a repeated click finds it. */
const latestUndoKey = (scopeId: string) => `undo:latest:${keyPart(scopeId)}`;
const latestUndoSchema = z.object({ undoRunId: z.string(), attempt: z.number().int().positive() });
/**
 * Validates the request, records the undo run and starts its job. Asking again while that undo is planned or running
 * returns it and starts nothing; asking after it finished starts a new undo (which records 'already' for what is undone).
 */
export async function requestUndo(
  services: Services,
  request: ResolverInput<'requestUndo'>,
  actor: string,
): Promise<RunRecord> {
  const accountIds = request.accountIds ?? null;
  const plan = await planUndo(services, request.runId, accountIds);
  if (!plan.undoable) throw new InvalidInputError(plan.field, `${plan.field}: ${plan.reason}`);
  const { original, reversals } = plan;

  const scopeId = scopeIdOf(original.id, accountIds);
  const latest = await readLatestUndo(services, scopeId);
  const latestRun = latest ? await services.runs.get(latest.undoRunId) : null;
  if (latestRun && !isFinishedRun(latestRun)) {
    await startUndoJob(services, {
      undoRunId: latestRun.id,
      runId: original.id,
      accountIds,
      actor: latestRun.actor,
    });
    return latestRun;
  }
  const attempt = (latest?.attempt ?? 0) + 1;
  const input: UndoInput = { undoRunId: `undo-${scopeId}-${attempt}`, runId: original.id, accountIds, actor };
  assertStateFits(input);
  const now = services.platform.clock.now().toISOString();
  const run = await services.runs.create({
    id: input.undoRunId,
    trigger: 'undo',
    actor,
    ruleIds: original.ruleIds,
    previewId: null,
    undoOf: original.id,
    state: 'planned',
    counts: { planned: reversals.length, succeeded: 0, failed: 0, skipped: 0 },
    message:
      accountIds === null
        ? `Undo of run ${original.id}`
        : `Undo of run ${original.id} for ${accountIds.length} user${accountIds.length === 1 ? '' : 's'}`,
    createdAt: now,
    startedAt: null,
    finishedAt: null,
  });
  await services.platform.store.set(latestUndoKey(scopeId), { undoRunId: run.id, attempt });
  await startUndoJob(services, input);
  return run;
}

/** Exactly what `requestUndo` with the same run and users would reverse, changing nothing. */
export async function describeUndo(
  services: Services,
  request: ResolverInput<'describeUndo'>,
): Promise<UndoDescription> {
  const plan = await planUndo(services, request.runId, request.accountIds ?? null);
  const changesByAction = Object.fromEntries(REVERSIBLE_ACTIONS.map((action) => [action, 0])) as Record<
    ReversibleAction,
    number
  >;
  if (!plan.undoable) {
    const sentence = `${plan.reason.charAt(0).toUpperCase()}${plan.reason.slice(1)}`;
    return {
      users: 0,
      changesByAction,
      notUndoableReason: sentence.endsWith('.') ? sentence : `${sentence}.`,
    };
  }
  for (const entry of plan.reversals) changesByAction[entry.action as ReversibleAction] += 1;
  return { users: new Set(plan.reversals.map((entry) => entry.accountId)).size, changesByAction };
}

/** The job keeps the users in its state, which has to fit one stored value. */
function assertStateFits(input: UndoInput): void {
  if (jsonBytes(initialUndoState(input)) <= MAX_STATE_BYTES) return;
  throw new InvalidInputError(
    'accountIds',
    `accountIds: ${input.accountIds?.length ?? 0} users are more than one undo can keep track of; undo the whole ` +
      'run, or undo the users in smaller batches',
  );
}

function scopeIdOf(runId: string, accountIds: string[] | null): string {
  const scope = accountIds === null ? null : [...accountIds].sort();
  return createHash('sha256')
    .update(JSON.stringify([runId, scope]))
    .digest('hex')
    .slice(0, 16);
}

async function readLatestUndo(services: Services, scopeId: string) {
  const value = await services.platform.store.get<unknown>(latestUndoKey(scopeId));
  if (value === undefined) return null;
  const parsed = latestUndoSchema.safeParse(value);
  if (!parsed.success) throw new CorruptValueError(latestUndoKey(scopeId), 'the latest undo of a run');
  return parsed.data;
}
