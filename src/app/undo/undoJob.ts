/** The undo job: reverses a run's changes user by user, newest change first, resumable at any reversal. */
import { RequestBudgetExceededError, secondsUntil } from '../../atlassian/requestBudget';
import { AtlassianApiError } from '../../atlassian/errors';
import type { WriteOutcome } from '../../atlassian/orgClient';
import type { RoleGrant } from '../../domain/directory';
import { utcMinute } from '../../domain/dates';
import type { ReversibleAction } from '../../domain/reversibleActions';
import type { JobContext, JobDefinition, JobOutcome, JobProgress, StepResult } from '../../jobs/types';
import type { AuditEntry, AuditResult, AuditState } from '../../store/auditLog';
import type { RunRecord } from '../../store/runStore';
import { reversalRefusal } from '../authority/actGuard';
import { refreshOverviewAfterChanges } from '../overview/overview';
import { undoJobId } from '../runs/runJobIds';
import { markUndoneItems } from './markUndone';
import type { ConnectedOrg, Services } from '../services';
import { isPlainObject, reversalsOf } from './undoPlan';

const UNDO_JOB = 'undo';

export interface UndoInput {
  undoRunId: string;
  /** The run being undone. */
  runId: string;
  /** null: the whole run. */
  accountIds: string[] | null;
  actor: string;
}

export interface UndoJobState extends UndoInput {
  /** Position in the ordered reversals of the next one to make. */
  next: number;
  /** Outcomes of the reversals before `next`. */
  counts: { succeeded: number; failed: number };
}

export const IDP_HANDOFF_NOTE =
  'Nothing changes in Atlassian: the hand-off to the identity provider is withdrawn. If the identity provider has ' +
  'already removed the user from the group, add them back there.';

// Each call gets the step's remaining time less this margin, so a slow call never outlives the step.
const CALL_MARGIN_MS = 30_000;
// Below this, the step returns and the next one continues: enough for one more reversal within CALL_MARGIN_MS.
const STOP_BELOW_MS = 60_000;

export async function startUndoJob(services: Services, input: UndoInput): Promise<void> {
  await services.jobs.start(UNDO_JOB, input, input.actor, { jobId: undoJobId(input.undoRunId) });
}

export function initialUndoState(input: UndoInput): UndoJobState {
  return { ...input, next: 0, counts: { succeeded: 0, failed: 0 } };
}

/** The undo job: one reversal at a time, each audited before and after, resumable at any reversal. */
export function undoJob(services: Services): JobDefinition<UndoInput, UndoJobState> {
  return {
    kind: UNDO_JOB,
    initialState: initialUndoState,
    step: (state, ctx) => undoStep(services, state, ctx),
    onFinished: async (state, outcome, ctx) => {
      await markUndoneItems(services, state.runId, state.undoRunId);
      await finishUndoRun(services, state, outcome, ctx);
      await refreshOverviewAfterChanges(services, ctx.now());
    },
  };
}

async function undoStep(
  services: Services,
  state: UndoJobState,
  ctx: JobContext,
): Promise<StepResult<UndoJobState>> {
  const deadline = services.platform.clock.now().getTime() + ctx.remainingMs() - CALL_MARGIN_MS;
  const org = await services.connectedOrg(deadline);
  const reversals = await reversalsOf(services, state.runId, state.accountIds);
  await markRunning(services, state.undoRunId);
  let current = state;
  while (current.next < reversals.length) {
    if (ctx.remainingMs() <= STOP_BELOW_MS) {
      return { state: current, done: false, progress: progressOf(current, reversals.length) };
    }
    let outcome: Awaited<ReturnType<typeof reverseOnce>>;
    try {
      outcome = await reverseOnce(services, org, current, reversals[current.next]!);
    } catch (error) {
      // The minute's request budget is spent: continue in a new invocation once it has refilled.
      if (!(error instanceof RequestBudgetExceededError)) throw error;
      return {
        state: current,
        done: false,
        progress: progressOf(current, reversals.length),
        delaySeconds: secondsUntil(error.retryAt, ctx.now()),
      };
    }
    current = {
      ...current,
      next: current.next + 1,
      counts: {
        succeeded: current.counts.succeeded + (outcome === 'succeeded' ? 1 : 0),
        failed: current.counts.failed + (outcome === 'failed' ? 1 : 0),
      },
    };
    await services.runs.update(current.undoRunId, { counts: runCounts(current, reversals.length) });
  }
  return { state: current, done: true, progress: progressOf(current, reversals.length) };
}

async function markRunning(services: Services, undoRunId: string): Promise<void> {
  const run = await services.runs.get(undoRunId);
  if (run?.state === 'planned') {
    await services.runs.update(undoRunId, {
      state: 'running',
      startedAt: services.platform.clock.now().toISOString(),
    });
  }
}

/**
 * Reverses one change unless an earlier attempt of this step already finished it (the entry's id is deterministic,
 * so a re-run finds that entry and only counts it). An entry left 'attempted' by a step that died is acted on again;
 * the client's writes read an "already so" answer as 'already'.
 */
async function reverseOnce(
  services: Services,
  org: ConnectedOrg,
  state: UndoJobState,
  change: AuditEntry,
): Promise<Exclude<AuditState, 'attempted'>> {
  const { audit, platform } = services;
  const entry = await audit.attempt({
    runId: state.undoRunId,
    ruleId: change.ruleId,
    actor: state.actor,
    accountId: change.accountId,
    userName: change.userName,
    action: `undo:${change.action}`,
    target: change.target,
    // Who asked is the entry's actor, shown by name; the reason says what is reversed, when it was done.
    reason: `Undo of run ${state.runId}: reverses '${change.action}' done at ${utcMinute(change.attemptedAt)}`,
    before: change.after,
    attemptedAt: platform.clock.now().toISOString(),
  });
  if (entry.state !== 'attempted') return entry.state;
  const result = await reversalResult(org, change);
  await audit.complete(entry.id, { ...result, completedAt: platform.clock.now().toISOString() });
  return result.state;
}

type ReversalResult = Omit<AuditResult, 'completedAt'>;

async function reversalResult(org: ConnectedOrg, change: AuditEntry): Promise<ReversalResult> {
  const action = change.action as ReversibleAction;
  if (action === 'idp-handoff') {
    return { state: 'succeeded', after: withFields(change.before, { note: IDP_HANDOFF_NOTE }), error: null };
  }
  const refusal = await reversalRefusal(org, change);
  if (refusal) return { state: 'failed', after: null, error: `Refused: ${refusal}` };
  const call = reversalCall(org, action, change);
  if (typeof call === 'string') return { state: 'failed', after: null, error: call };
  try {
    const outcome: WriteOutcome = await call();
    const after = outcome === 'already' ? withFields(change.before, { already: true }) : change.before;
    return { state: 'succeeded', after, error: null };
  } catch (error) {
    // A refusal is this user's outcome; a service that did not answer in time is the step's, to retry later.
    if (error instanceof AtlassianApiError && error.retryAt === undefined) {
      return { state: 'failed', after: null, error: error.message };
    }
    throw error;
  }
}

/** The Organizations API call that reverses `change`, or why there is none. */
function reversalCall(
  org: ConnectedOrg,
  action: Exclude<ReversibleAction, 'idp-handoff'>,
  change: AuditEntry,
): (() => Promise<WriteOutcome>) | string {
  const { client, directoryId } = org;
  const { accountId, target } = change;
  if (action === 'suspend') return () => client.restore(accountId, directoryId);
  if (target === null)
    return `The ${action} entry ${change.id} names no target, so there is nothing to reverse`;
  if (action === 'remove-from-group') return () => client.addToGroup(target, accountId, directoryId);
  if (action === 'add-to-group') return () => client.removeFromGroup(target, accountId, directoryId);
  const grant = grantOf(target);
  if (grant === null) {
    return `The ${action} entry ${change.id} has target '${target}', not 'resourceId roleId', so the role is unknown`;
  }
  return () => client.assignUserRole(accountId, grant, directoryId);
}

function grantOf(target: string): RoleGrant | null {
  const parts = target.split(' ');
  if (parts.length !== 2 || parts.some((part) => part.length === 0)) return null;
  return { resourceId: parts[0]!, roleId: parts[1]! };
}

function withFields(value: unknown, fields: Record<string, unknown>): Record<string, unknown> {
  return isPlainObject(value) ? { ...value, ...fields } : { value, ...fields };
}

function runCounts(state: UndoJobState, planned: number): RunRecord['counts'] {
  return { planned, succeeded: state.counts.succeeded, failed: state.counts.failed, skipped: 0 };
}

function progressOf(state: UndoJobState, total: number): JobProgress {
  return { done: state.next, total, message: `${state.next} of ${total} changes reversed or tried` };
}

async function finishUndoRun(
  services: Services,
  state: UndoJobState,
  outcome: JobOutcome,
  ctx: JobContext,
): Promise<void> {
  const run = await services.runs.get(state.undoRunId);
  if (!run) throw new Error(`The undo run ${state.undoRunId} is missing`);
  const finishedAt = services.platform.clock.now().toISOString();
  const { succeeded, failed } = state.counts;
  const planned = run.counts.planned;
  if (outcome === 'completed') {
    const everyOneFailed = failed > 0 && succeeded === 0;
    await services.runs.update(run.id, {
      state: everyOneFailed ? 'failed' : 'completed',
      counts: runCounts(state, planned),
      message:
        `Undid ${succeeded} of ${planned} changes of run ${state.runId}` +
        (failed > 0 ? `; ${failed} could not be undone (the audit log says why for each)` : ''),
      finishedAt,
    });
    return;
  }
  const why =
    outcome === 'cancelled'
      ? 'The undo was cancelled'
      : `The undo stopped: ${(await services.jobs.status(ctx.jobId))?.error ?? 'its job failed'}`;
  await services.runs.update(run.id, {
    state: outcome === 'cancelled' ? 'cancelled' : 'failed',
    message: `${why}. ${run.counts.succeeded} of ${planned} changes were undone before that.`,
    finishedAt,
  });
}
