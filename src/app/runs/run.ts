import type { Verdict } from '../../domain/decision';
import type { SnapshotSummary } from '../../domain/directory';
import { explainDecision } from '../../domain/explain';
import type { Rule } from '../../domain/rule';
import type { PlannedSeat } from '../../domain/seatPlan';
import { checkRunLimits } from '../../domain/runLimits';
import { RequestBudgetExceededError, secondsUntil } from '../../atlassian/requestBudget';
import { StorageBusyError } from '../../platform/storageBusy';
import type { JobContext, JobDefinition, StepResult } from '../../jobs/types';
import { isFinishedRun, type RunItem, type RunRecord } from '../../store/runStore';
import type { UserOutcome } from './actOnUser';
import { sendRunDigest } from '../notifications/digest';
import { evaluationContextFor, judgeSnapshot } from '../analysis/evaluationContext';
import { refreshOverviewAfterChanges } from '../overview/overview';
import { isFresh, newScanState, scanStep, type ScanState } from '../scan/scan';
import type { Services } from '../services';
import {
  closeWarningsAfterActing,
  notifyWarnedUsers,
  sortBatchForWarnings,
  type WarnCounts,
} from '../warnings/warnings';
import { warningStores } from '../warnings/warningStores';
import { actBatchId, actingContextFor, actOnBatch, BATCH_SIZE, itemOf, STEP_MARGIN_MS } from './runBatch';
import { planRunSeats, seatPlannerFor } from './runSeats';
import { settleStoppedBatch, settlementNote } from './runSettle';

export { requestRun, startScheduledRun } from './runRequest';

/**
 * A live run's job: refresh the snapshot, plan (scheduled runs), warn and notify (rules with a warning period), act.
 */
const BATCH_READS = 2;
/** Changes one user usually takes, plus role reads when a product is revoked. */
const WRITES_PER_USER = 3;

export interface RunInput {
  runId: string;
  /** The run's items were saved when it was requested (from a preview, or pending users acted on now). */
  preplanned?: boolean;
}

/** How far the warning phases got: items sorted so far, and what came of them. */
export interface WarnProgress extends WarnCounts {
  offset: number;
  notified: number;
  notifyFailed: number;
}

export interface RunJobState {
  runId: string;
  /**
   * `seats` plans the seats of a run requested with its items; `warn` sorts the selected users of a rule with a
   * warning period; `notify` e-mails those it warned.
   */
  phase: 'refresh' | 'plan' | 'seats' | 'warn' | 'notify' | 'act';
  preplanned: boolean;
  scan: ScanState | null;
  snapshotId: string | null;
  counts: { succeeded: number; failed: number; skipped: number };
  warn: WarnProgress;
}

export function runJob(services: Services): JobDefinition<RunInput, RunJobState> {
  return {
    kind: 'run',
    initialState: ({ runId, preplanned }) => ({
      runId,
      phase: 'refresh',
      preplanned: preplanned === true,
      scan: null,
      snapshotId: null,
      counts: { succeeded: 0, failed: 0, skipped: 0 },
      warn: { offset: 0, warned: 0, waiting: 0, notSelected: 0, notified: 0, notifyFailed: 0 },
    }),
    step: (state, ctx) => runStep(services, state, ctx),
    onFinished: async (state, outcome, ctx) => {
      await refreshOverviewAfterChanges(services, ctx.now());
      if (outcome === 'completed') return;
      const run = await services.runs.get(state.runId);
      // The job may have stopped in a batch (its changes made, not yet completed in the audit), or after storing a
      // batch's states and before counting them: settle the batch, then count from the stored states.
      const note = run ? settlementNote(await settleStoppedBatch(services, run, ctx)) : '';
      const acted = await services.runs.actedCounts(state.runId);
      const ending =
        outcome === 'cancelled' ? 'Cancelled by an admin.' : 'The run failed; see the job error.';
      await services.runs.update(state.runId, {
        ...(run ? { counts: { ...run.counts, ...acted } } : {}),
        state: outcome === 'cancelled' ? 'cancelled' : 'failed',
        finishedAt: ctx.now().toISOString(),
        message: `${ending}${note}`,
      });
    },
  };
}

async function runStep(
  services: Services,
  state: RunJobState,
  ctx: JobContext,
): Promise<StepResult<RunJobState>> {
  const run = await services.runs.get(state.runId);
  if (!run) throw new Error(`Run ${state.runId} does not exist.`);
  // Cancelled before its job started (the request was still on its way to starting it): nothing is done.
  if (isFinishedRun(run)) return { state, done: true };
  if (state.phase === 'refresh') return refreshStep(services, state, ctx);
  const rule = await services.settings.getRule(run.ruleIds[0]!);
  if (!rule)
    return finish(
      services,
      state,
      ctx,
      'failed',
      'The rule was deleted before the run acted; nothing was changed.',
    );
  if (state.phase === 'plan') return planStep(services, state, run, rule, ctx);
  if (state.phase === 'seats') {
    await planRunSeats(services, run.id, await runSnapshot(services, state));
    return { state: { ...state, phase: 'warn' }, done: false };
  }
  if (state.phase === 'warn' || state.phase === 'notify') {
    // A rule without a warning period acts at once, in this same step, exactly as before warnings existed.
    if (!hasWarning(rule)) return actStep(services, { ...state, phase: 'act' }, run, rule, ctx);
    if (state.phase === 'warn') return warnStep(services, state, run, rule, ctx);
    return notifyStep(services, state, run, rule, ctx);
  }
  return actStep(services, state, run, rule, ctx);
}

/** A snapshot older than a day is refreshed before acting. */
async function refreshStep(
  services: Services,
  state: RunJobState,
  ctx: JobContext,
): Promise<StepResult<RunJobState>> {
  const latest = await services.snapshots.latestComplete();
  if (!state.scan && latest && isFresh(latest.completedAt, ctx.now())) {
    return { state: await afterRefresh(services, state, latest.id, ctx), done: false };
  }
  const scan = state.scan ?? newScanState(`snap-run-${state.runId}`);
  const result = await scanStep(services, scan, ctx);
  if (!result.done) return { ...result, state: { ...state, scan: result.state } };
  return {
    state: await afterRefresh(services, { ...state, scan: result.state }, result.state.snapshotId, ctx),
    done: false,
  };
}

async function afterRefresh(
  services: Services,
  state: RunJobState,
  snapshotId: string,
  ctx: JobContext,
): Promise<RunJobState> {
  const run = (await services.runs.get(state.runId))!;
  if (run.state === 'planned') {
    await services.runs.update(run.id, { state: 'running', startedAt: ctx.now().toISOString() });
  }
  return { ...state, snapshotId, phase: run.previewId || state.preplanned ? 'seats' : 'plan' };
}

/**
 * Scheduled runs decide whom to act on from the snapshot, and stop before acting when over the limits. The
 * snapshot is streamed a chunk at a time and judged without sentences: only the selected users are kept, and
 * their decisions are put into words only when the run will act on them.
 */
async function planStep(
  services: Services,
  state: RunJobState,
  run: RunRecord,
  rule: Rule,
  ctx: JobContext,
): Promise<StepResult<RunJobState>> {
  const selected: Array<{ verdict: Verdict; name: string; seats: PlannedSeat[] }> = [];
  const snapshot = await runSnapshot(services, state);
  const planSeats = seatPlannerFor(snapshot);
  const { counts, judge } = await judgeSnapshot(services, snapshot, rule, ctx.now(), (verdict, user) => {
    if (verdict.outcome === 'selected')
      selected.push({ verdict, name: user.name, seats: planSeats(user, verdict.plannedActions) });
  });
  await services.runs.update(run.id, { counts: { ...run.counts, planned: selected.length } });
  const limit = checkRunLimits(selected.length, counts.inScope, rule.limits);
  if (!limit.ok) {
    return finish(services, state, ctx, 'stopped-at-limit', `Nothing was changed. ${limit.message}`);
  }
  await services.runs.saveItems(
    run.id,
    selected.map(({ verdict, name, seats }) => ({
      ...itemOf({ ...verdict, explanation: explainDecision(verdict, judge.explain) }, name),
      seats,
    })),
  );
  return { state: { ...state, phase: 'warn' }, done: false };
}

async function actStep(
  services: Services,
  state: RunJobState,
  run: RunRecord,
  rule: Rule,
  ctx: JobContext,
): Promise<StepResult<RunJobState>> {
  const { acting, requestsLeft, requestBudget } = await actingContextFor(services, run, rule, ctx);
  const snapshot = await runSnapshot(services, state);
  const evaluation = await evaluationContextFor(services, snapshot, ctx.now());
  // Counted from the stored batch states, not carried over: a step that died after a batch's states were written
  // ran again from a checkpoint that had not counted that batch.
  const counts = await services.runs.actedCounts(run.id);
  const pause = async (delaySeconds?: number): Promise<StepResult<RunJobState>> => {
    await services.runs.update(run.id, { counts: { ...run.counts, ...counts } });
    return {
      state: { ...state, counts },
      done: false,
      progress: { done: doneOf(counts), total: run.counts.planned },
      ...(delaySeconds ? { delaySeconds } : {}),
    };
  };
  const items: RunItem[] = [];
  for await (const chunk of services.runs.items(run.id)) items.push(...chunk);
  for (let batchNo = 0; batchNo * BATCH_SIZE < items.length; batchNo++) {
    const batch = items.slice(batchNo * BATCH_SIZE, (batchNo + 1) * BATCH_SIZE);
    const pending = batch.filter((item) => item.state === 'pending');
    if (pending.length === 0) continue;
    if (ctx.remainingMs() < STEP_MARGIN_MS) return pause();
    // A fresh invocation has a whole egress budget: continue there, at once (unless this one is fresh already).
    if (requestsLeft() < Math.min(BATCH_READS + pending.length * WRITES_PER_USER, requestBudget))
      return pause();
    let outcomes: Map<string, UserOutcome>;
    try {
      outcomes = await actOnBatch(
        acting,
        actBatchId(run.id, batchNo),
        pending,
        rule,
        evaluation,
        snapshot.products,
      );
      if (hasWarning(rule)) await closeWarningsAfterActing(services, acting, outcomes);
    } catch (err) {
      if (err instanceof RequestBudgetExceededError) return pause(secondsUntil(err.retryAt, ctx.now()));
      if (err instanceof StorageBusyError) return pause(secondsUntil(err.retryAt, ctx.now()));
      throw err;
    }
    await services.runs.setBatchStates(
      run.id,
      batchNo,
      pending.map((item) => ({
        accountId: item.accountId,
        ruleId: item.ruleId,
        ...outcomes.get(item.accountId)!,
      })),
    );
    for (const item of pending) {
      const outcome = outcomes.get(item.accountId)!;
      counts[outcome.state === 'done' ? 'succeeded' : outcome.state]++;
    }
  }
  await services.runs.update(run.id, { counts: { ...run.counts, ...counts } });
  const allFailed = counts.failed > 0 && counts.succeeded === 0 && counts.skipped === 0;
  return finish(
    services,
    { ...state, counts },
    ctx,
    allFailed ? 'failed' : 'completed',
    `${counts.succeeded} acted on, ${counts.skipped} skipped at the re-check, ${counts.failed} failed.${hasWarning(rule) ? warningSummary(state.warn) : ''}`,
  );
}

/** The snapshot the run plans and re-checks against, chosen (or taken) by the refresh phase. */
async function runSnapshot(services: Services, state: RunJobState): Promise<SnapshotSummary> {
  const snapshot = await services.snapshots.getSummary(state.snapshotId!);
  if (!snapshot) throw new Error(`Snapshot ${state.snapshotId} of run ${state.runId} does not exist.`);
  return snapshot;
}

function hasWarning(rule: Rule): rule is Rule & { warning: { days: number } } {
  return rule.warning !== null;
}

function warningSummary(warn: WarnProgress): string {
  const failed = warn.notifyFailed > 0 ? ` (${warn.notifyFailed} of their e-mails failed)` : '';
  return ` ${warn.warned} warned${failed}, ${warn.waiting} still in their warning period, ${warn.notSelected} no longer selected.`;
}

/**
 * Sorts the run's selected users for a rule with a warning period, batch by batch: users due stay planned,
 * the others are warned or wait (see sortBatchForWarnings). Stops early, where it left off, when the step's
 * time or the request budget runs out.
 */
async function warnStep(
  services: Services,
  state: RunJobState,
  run: RunRecord,
  rule: Rule & { warning: { days: number } },
  ctx: JobContext,
): Promise<StepResult<RunJobState>> {
  if (!(await warningStores(services).notifications.getSettings())) {
    return finish(
      services,
      state,
      ctx,
      'failed',
      `Rule '${rule.name}' warns users first, but no Jira project is chosen for the warnings: save the notification settings. Nothing was changed.`,
    );
  }
  const { acting, requestsLeft } = await actingContextFor(services, run, rule, ctx);
  const snapshot = await runSnapshot(services, state);
  const evaluation = await evaluationContextFor(services, snapshot, ctx.now());
  const warn = { ...state.warn };
  const pause = (delaySeconds?: number): StepResult<RunJobState> => ({
    state: { ...state, warn },
    done: false,
    progress: { done: warn.offset, total: run.counts.planned, message: 'Warning users' },
    ...(delaySeconds ? { delaySeconds } : {}),
  });
  let position = 0;
  for await (const chunk of services.runs.items(run.id)) {
    const start = position;
    position += chunk.length;
    if (position <= warn.offset) continue;
    const todo = chunk.slice(warn.offset - start);
    while (todo.length > 0) {
      if (ctx.remainingMs() < STEP_MARGIN_MS) return pause();
      const size = Math.min(BATCH_SIZE, requestsLeft() - 1);
      if (size < 1) return pause();
      const batch = todo.slice(0, size);
      try {
        const sorted = await sortBatchForWarnings(
          services,
          acting,
          batch.filter((item) => item.state === 'pending'),
          rule,
          evaluation,
        );
        warn.warned += sorted.warned;
        warn.waiting += sorted.waiting;
        warn.notSelected += sorted.notSelected;
      } catch (err) {
        if (!(err instanceof RequestBudgetExceededError)) throw err;
        return pause(secondsUntil(err.retryAt, ctx.now()));
      }
      todo.splice(0, size);
      warn.offset += size;
    }
  }
  await services.runs.update(run.id, { counts: { ...run.counts, warned: warn.warned } });
  return { state: { ...state, warn, phase: 'notify' }, done: false };
}

/** E-mails the users this run warned, then goes on to act on the users whose period is over. */
async function notifyStep(
  services: Services,
  state: RunJobState,
  run: RunRecord,
  rule: Rule,
  ctx: JobContext,
): Promise<StepResult<RunJobState>> {
  const settings = await warningStores(services).notifications.getSettings();
  const snapshot = await runSnapshot(services, state);
  const progress = settings
    ? await notifyWarnedUsers(
        services,
        run,
        rule,
        settings,
        snapshot.products,
        () => ctx.remainingMs() >= STEP_MARGIN_MS,
      )
    : { done: true, notified: 0, failed: 0 };
  const warn = {
    ...state.warn,
    notified: state.warn.notified + progress.notified,
    notifyFailed: state.warn.notifyFailed + progress.failed,
  };
  if (!progress.done) {
    const delay = 'retryAt' in progress && progress.retryAt ? secondsUntil(progress.retryAt, ctx.now()) : 0;
    return { state: { ...state, warn }, done: false, ...(delay > 0 ? { delaySeconds: delay } : {}) };
  }
  return { state: { ...state, warn, phase: 'act' }, done: false };
}

async function finish(
  services: Services,
  state: RunJobState,
  ctx: JobContext,
  runState: 'completed' | 'failed' | 'stopped-at-limit',
  message: string,
): Promise<StepResult<RunJobState>> {
  await services.runs.update(state.runId, { state: runState, message, finishedAt: ctx.now().toISOString() });
  const digestProblem = await sendRunDigest(services, state.runId, state.warn.warned);
  if (digestProblem) await services.runs.update(state.runId, { message: `${message} ${digestProblem}` });
  return { state, done: true, progress: { done: doneOf(state.counts), total: null, message } };
}

function doneOf(counts: RunJobState['counts']): number {
  return counts.succeeded + counts.failed + counts.skipped;
}
