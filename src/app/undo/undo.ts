import { z } from 'zod';
/**
 * Undo: reverses what a finished run did, user by user, newest change first, following the audit conventions in
 * docs/engine.md. The original run's audit entries are the plan: only changes the run actually made are reversed.
 */
import { paginate, withCursor } from '../../platform/paginate';
import { RequestBudgetExceededError, secondsUntil } from '../../atlassian/requestBudget';
import type { ResolverInput } from '../../contract/inputs';
import { createHash } from 'node:crypto';
import { AtlassianApiError } from '../../atlassian/errors';
import type { WriteOutcome } from '../../atlassian/orgClient';
import type { RoleGrant } from '../../domain/directory';
import { REVERSIBLE_ACTIONS, type ReversibleAction } from '../../domain/reversibleActions';
import { InvalidInputError } from '../../domain/invalidInput';
import { MAX_STATE_BYTES } from '../../jobs/checkpoint';
import type { JobContext, JobDefinition, JobOutcome, JobProgress, StepResult } from '../../jobs/types';
import { MAX_AUDIT_PAGE, type AuditEntry, type AuditResult, type AuditState } from '../../store/auditLog';
import { jsonBytes } from '../../store/chunks';
import { CorruptValueError } from '../../store/errors';
import { keyPart } from '../../store/keys';
import { isFinishedRun, type RunRecord } from '../../store/runStore';
import { reversalRefusal } from '../authority/actGuard';
import { refreshOverviewAfterChanges } from '../overview/overview';
import type { UndoDescription } from '../../contract/answers';
import { undoJobId } from '../runs/runJobIds';
import { markUndoneItems } from './markUndone';
import type { ConnectedOrg, Services } from '../services';

const UNDO_JOB = 'undo';

export { REVERSIBLE_ACTIONS, type ReversibleAction };

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

/** Whether the page may offer "Undo": a finished run (not itself an undo) with at least one change that succeeded. */
export function isUndoable(run: RunRecord): boolean {
  return isFinishedRun(run) && run.trigger !== 'undo' && run.counts.succeeded > 0;
}

export { undoJobId };

/** Where the latest undo of one scope (a run, or some of its users) is recorded, so a repeated click finds it. */
const latestUndoKey = (scopeId: string) => `undo:latest:${keyPart(scopeId)}`;
const latestUndoSchema = z.object({ undoRunId: z.string(), attempt: z.number().int().positive() });

/** What an undo of a run (or of some of its users) would reverse, or why it would be refused. */
type UndoPlan =
  | { undoable: true; original: RunRecord; reversals: AuditEntry[] }
  | { undoable: false; field: string; reason: string };

/**
 * The one place that decides what an undo reverses: `requestUndo` acts on this plan and `describeUndo` reports it, so
 * the confirmation says exactly what the undo will do. A run that does not exist is bad input, not a refusal.
 */
async function planUndo(services: Services, runId: string, accountIds: string[] | null): Promise<UndoPlan> {
  const original = await services.runs.get(runId);
  if (!original) throw new InvalidInputError('runId', `runId: there is no run '${runId}'`);
  const refusal = (field: string, reason: string): UndoPlan => ({ undoable: false, field, reason });
  if (original.trigger === 'undo') {
    return refusal(
      'runId',
      `run ${original.id} is itself an undo (of run ${original.undoOf ?? 'unknown'}); undoing it would redo the ` +
        'cleanup without re-checking anyone. Run the rule again instead: a run re-checks every user before acting.',
    );
  }
  if (!isFinishedRun(original)) {
    return refusal('runId', `run ${original.id} is still ${original.state}; undo it once it has finished`);
  }
  const reversals = await reversalsOf(services, original.id, accountIds);
  if (reversals.length === 0) {
    return refusal('runId', `run ${original.id} made no changes that can be undone`);
  }
  const changed = new Set(reversals.map((entry) => entry.accountId));
  const index = accountIds?.findIndex((id) => !changed.has(id)) ?? -1;
  if (index >= 0) {
    return refusal(
      `accountIds[${index}]`,
      `run ${original.id} made no change to user ${accountIds![index]} that can be undone`,
    );
  }
  return { undoable: true, original, reversals };
}

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

export type { UndoDescription };

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

async function startUndoJob(services: Services, input: UndoInput): Promise<void> {
  await services.jobs.start(UNDO_JOB, input, input.actor, { jobId: undoJobId(input.undoRunId) });
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

function initialUndoState(input: UndoInput): UndoJobState {
  return { ...input, next: 0, counts: { succeeded: 0, failed: 0 } };
}

/**
 * The changes of `runId` to reverse, in the order to reverse them: newest attempt first. Only changes that succeeded
 * and changed something (an 'already' answer changed nothing) count; `accountIds` narrows them to those users.
 */
async function reversalsOf(
  services: Services,
  runId: string,
  accountIds: string[] | null,
): Promise<AuditEntry[]> {
  const users = accountIds === null ? null : new Set(accountIds);
  const entries: AuditEntry[] = [];
  const pages = paginate((cursor) =>
    services.audit.search({ runId, limit: MAX_AUDIT_PAGE, ...withCursor(cursor) }),
  );
  for await (const page of pages) {
    entries.push(
      ...page.entries.filter(
        (entry) => isReversible(entry) && (users === null || users.has(entry.accountId)),
      ),
    );
  }
  // The log pages newest first already; sorting again states the order this depends on (the sort is stable).
  return entries.sort((a, b) => Date.parse(b.attemptedAt) - Date.parse(a.attemptedAt));
}

function isReversible(entry: AuditEntry): boolean {
  return (
    entry.state === 'succeeded' &&
    (REVERSIBLE_ACTIONS as readonly string[]).includes(entry.action) &&
    !hasTrueFlag(entry.after, 'already')
  );
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
    reason: `Undo of run ${state.runId} requested by ${state.actor}: reverses '${change.action}' done at ${change.attemptedAt}`,
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

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasTrueFlag(value: unknown, flag: string): boolean {
  return isPlainObject(value) && value[flag] === true;
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
