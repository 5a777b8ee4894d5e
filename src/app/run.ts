import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Decision, PlannedAction, Verdict } from '../domain/decision';
import type { DirectoryUser, ProductInfo, SnapshotSummary } from '../domain/directory';
import { evaluateUser, type EvaluationContext } from '../domain/evaluation';
import { explainDecision } from '../domain/explain';
import type { Rule } from '../domain/rule';
import { checkRunLimits } from '../domain/runLimits';
import { RequestBudgetExceededError, secondsUntil } from '../atlassian/requestBudget';
import { StorageBusyError } from '../platform/storageBusy';
import { InvalidInputError, parsePayload } from '../edge/invalidInput';
import type { JobContext, JobDefinition, StepResult } from '../jobs/types';
import type { PreviewDecision } from '../store/previewStore';
import { isFinishedRun, type RunItem, type RunRecord } from '../store/runStore';
import {
  outcomeOf,
  performAttempts,
  readUsers,
  recordAttempts,
  verifyAttempts,
  type ActingContext,
  type Prepared,
  type UserOutcome,
} from './actOnUser';
import { sendRunDigest } from './digest';
import { evaluationContextFor, judgeSnapshot } from './evaluationContext';
import { requireLiveRule } from './liveRule';
import { runJobId } from './runJobIds';
import { requireRuleTurn, takeRuleTurn } from './runLock';
import { isFresh, newScanState, scanStep, type ScanState } from './scan';
import type { Services } from './services';
import {
  closeWarningsAfterActing,
  notifyWarnedUsers,
  sortBatchForWarnings,
  type WarnCounts,
} from './warnings';
import { warningStores } from './warningStores';

const STEP_MARGIN_MS = 60_000;
/**
 * Users acted on together: one read each way for the whole batch (the bulk search takes 100 ids), one audit value
 * and one item-state value per batch. Batches are fixed slices of the run's items, so a retried step finds the
 * batch it recorded.
 */
const BATCH_SIZE = 50;
const BATCH_READS = 2;
/** Changes one user usually takes, plus role reads when a product is revoked. */
const WRITES_PER_USER = 3;
const MAX_SELECTION = 10_000;

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
  /** `warn` sorts the selected users of a rule with a warning period; `notify` e-mails those it warned. */
  phase: 'refresh' | 'plan' | 'warn' | 'notify' | 'act';
  preplanned: boolean;
  scan: ScanState | null;
  snapshotId: string | null;
  counts: { succeeded: number; failed: number; skipped: number };
  warn: WarnProgress;
}

const requestRunSchema = z
  .object({
    previewId: z.string().min(1),
    ruleId: z.string().min(1),
    /** Absent: every user the preview selected for the rule. */
    accountIds: z.array(z.string().min(1)).min(1).max(MAX_SELECTION).optional(),
    confirm: z.literal(true, { message: 'confirm must be true: a live run changes users’ access' }),
  })
  .strict();

/**
 * The admin acts on a chosen part of a preview, as one run: only users the preview selected, only for a
 * live rule, and never past the rule's limits (the run stops before acting and says so).
 */
export async function requestRun(services: Services, payload: unknown, actor: string): Promise<RunRecord> {
  const input = parsePayload(requestRunSchema, payload);
  const rule = await requireLiveRule(services, input.ruleId);
  const preview = await services.previews.get(input.previewId);
  if (!preview)
    throw new InvalidInputError('previewId', `previewId: preview ${input.previewId} does not exist`);
  const summary = preview.summaries[rule.id] as { counts: { inScope: number; selected: number } } | undefined;
  if (!summary) throw new InvalidInputError('ruleId', `The preview did not analyse rule '${rule.name}'.`);

  const decisions = await selectedDecisions(services, preview.id, rule, input.accountIds);
  const limit = checkRunLimits(decisions.length, summary.counts.inScope, rule.limits);
  if (!limit.ok) throw new InvalidInputError('accountIds', `Nothing was changed. ${limit.message}`);

  const runId = randomUUID();
  await requireRuleTurn(services, rule, runId);
  const run = await services.runs.create({
    id: runId,
    trigger: 'admin',
    actor,
    ruleIds: [rule.id],
    previewId: preview.id,
    undoOf: null,
    state: 'planned',
    counts: { planned: decisions.length, succeeded: 0, failed: 0, skipped: 0 },
    message: null,
    createdAt: services.platform.clock.now().toISOString(),
    startedAt: null,
    finishedAt: null,
  });
  await services.runs.saveItems(
    runId,
    decisions.map((decision) => itemOf(decision, decision.name)),
  );
  await services.jobs.start<RunInput>('run', { runId }, actor, { jobId: runJobId(runId) });
  return run;
}

async function selectedDecisions(
  services: Services,
  previewId: string,
  rule: Rule,
  accountIds: string[] | undefined,
): Promise<PreviewDecision[]> {
  if (!accountIds) {
    const all: PreviewDecision[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await services.previews.pageDecisions(previewId, rule.id, {
        offset,
        limit: 500,
        outcome: 'selected',
      });
      all.push(...page.items);
      if (offset + 500 >= page.total) break;
    }
    if (all.length === 0)
      throw new InvalidInputError('accountIds', `The preview selected nobody for rule '${rule.name}'.`);
    return all;
  }
  const unique = [...new Set(accountIds)];
  const found = await services.previews.decisionsFor(previewId, rule.id, unique);
  const selected = new Map(found.filter((d) => d.outcome === 'selected').map((d) => [d.accountId, d]));
  const notSelected = unique.filter((id) => !selected.has(id));
  if (notSelected.length > 0) {
    const shown = notSelected.slice(0, 5).join(', ');
    const more = notSelected.length > 5 ? ` and ${notSelected.length - 5} more` : '';
    throw new InvalidInputError(
      'accountIds',
      `accountIds: ${shown}${more} ${notSelected.length === 1 ? 'was' : 'were'} not selected by rule '${rule.name}' in this preview.`,
    );
  }
  return unique.map((id) => selected.get(id)!);
}

/**
 * A scheduled live run of one rule: it plans from a fresh snapshot, then acts. While another run of the rule is live
 * the schedule joins it (returns it) instead; null while that other run is still being stored.
 */
export async function startScheduledRun(
  services: Services,
  rule: Rule,
  slot: Date,
): Promise<RunRecord | null> {
  const runId = `sched-${rule.id}-${slot
    .toISOString()
    .replace(/[^0-9]/g, '')
    .slice(0, 12)}`;
  const instead = await takeRuleTurn(services, rule.id, runId);
  if (instead) return instead.run;
  const run = await services.runs.create({
    id: runId,
    trigger: 'schedule',
    actor: 'schedule',
    ruleIds: [rule.id],
    previewId: null,
    undoOf: null,
    state: 'planned',
    counts: { planned: 0, succeeded: 0, failed: 0, skipped: 0 },
    message: null,
    createdAt: services.platform.clock.now().toISOString(),
    startedAt: null,
    finishedAt: null,
  });
  await services.jobs.start<RunInput>('run', { runId }, 'schedule', { jobId: runJobId(runId) });
  return run;
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
      if (outcome === 'completed') return;
      await services.runs.update(state.runId, {
        state: outcome === 'cancelled' ? 'cancelled' : 'failed',
        finishedAt: ctx.now().toISOString(),
        message: outcome === 'cancelled' ? 'Cancelled by an admin.' : 'The run failed; see the job error.',
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
  return { ...state, snapshotId, phase: run.previewId || state.preplanned ? 'warn' : 'plan' };
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
  const selected: Array<{ verdict: Verdict; name: string }> = [];
  const { counts, judge } = await judgeSnapshot(
    services,
    await runSnapshot(services, state),
    rule,
    ctx.now(),
    (verdict, user) => {
      if (verdict.outcome === 'selected') selected.push({ verdict, name: user.name });
    },
  );
  await services.runs.update(run.id, { counts: { ...run.counts, planned: selected.length } });
  const limit = checkRunLimits(selected.length, counts.inScope, rule.limits);
  if (!limit.ok) {
    return finish(services, state, ctx, 'stopped-at-limit', `Nothing was changed. ${limit.message}`);
  }
  await services.runs.saveItems(
    run.id,
    selected.map(({ verdict, name }) =>
      itemOf({ ...verdict, explanation: explainDecision(verdict, judge.explain) }, name),
    ),
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

/** The context a step acts in: the connected org, and the audit fields of this run and rule. */
async function actingContextFor(
  services: Services,
  run: RunRecord,
  rule: Rule,
  ctx: JobContext,
): Promise<{ acting: ActingContext; requestsLeft: () => number; requestBudget: number }> {
  const deadline = ctx.now().getTime() + ctx.remainingMs() - STEP_MARGIN_MS;
  const org = await services.connectedOrg(deadline);
  return {
    acting: {
      org: org.client,
      directoryId: org.directoryId,
      audit: services.audit,
      runId: run.id,
      ruleId: rule.id,
      actor: run.actor,
      now: () => ctx.now(),
    },
    requestsLeft: () => org.requestsLeft(),
    requestBudget: org.requestBudget,
  };
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

/** The audit batch of one slice of a run's items: the same id however often the step runs. */
function actBatchId(runId: string, batchNo: number): string {
  return `act-${createHash('sha256').update(runId).digest('hex').slice(0, 24)}-${batchNo}`;
}

/**
 * Acts on a batch of planned users with two reads for the whole batch: one to re-check everyone just before
 * acting (still in the directory, still selected, still not protected), one to verify after the changes. Every
 * change is recorded (one audit value for the batch) before the first call, and completed (one more write) after
 * the read-back. A batch an interrupted step recorded already is resumed with exactly the changes it recorded: the
 * run's own changes would make its users look different now.
 */
async function actOnBatch(
  acting: ActingContext,
  batchId: string,
  batch: RunItem[],
  rule: Rule,
  ctx: EvaluationContext,
  products: ProductInfo[],
): Promise<Map<string, UserOutcome>> {
  const resumed = await acting.audit.getBatch(batchId);
  const recorded =
    resumed ??
    (await recordAttempts(acting, batchId, await prepareBatch(acting, batch, rule, ctx, products)));
  const performed = await performAttempts(acting, recorded, resumed !== null);
  const final = await verifyAttempts(acting, batchId, recorded, performed);
  return new Map(batch.map((item) => [item.accountId, outcomeOf(item.accountId, final)]));
}

/** Re-checks the batch's users (one read) and fixes each one's changes; role reads go side by side. */
async function prepareBatch(
  acting: ActingContext,
  batch: RunItem[],
  rule: Rule,
  ctx: EvaluationContext,
  products: ProductInfo[],
): Promise<Prepared[]> {
  const current = await readUsers(
    acting,
    batch.map((item) => item.accountId),
  );
  return Promise.all(
    batch.map(async (item): Promise<Prepared> => {
      const user = current.get(item.accountId) ?? null;
      const now = user ? evaluateUser(user, rule, ctx) : null;
      if (!user || now?.outcome !== 'selected') {
        return { accountId: item.accountId, user, skip: { planned: planDecision(item, rule), now } };
      }
      const actions = await confirmedActions(acting, user, item.actions, now.plannedActions, rule, products);
      return { accountId: item.accountId, user, actions, reason: now.explanation };
    }),
  );
}

/**
 * What was confirmed at planning and still applies now; never more than was confirmed, except that revoking a
 * product drops the user's direct roles on it as read just before acting (the scan does not carry them, so the
 * plan's direct-role entries only say that some direct role is there).
 */
async function confirmedActions(
  acting: ActingContext,
  user: DirectoryUser,
  planned: PlannedAction[],
  current: PlannedAction[],
  rule: Rule,
  products: ProductInfo[],
): Promise<PlannedAction[]> {
  const stillApplies = planned.filter((p) => current.some((c) => sameAction(c, p)));
  const revoked = rule.actions.flatMap((a) => (a.kind === 'revoke-product' ? [a.product] : []));
  if (revoked.length === 0) return stillApplies;
  const resourceIds = new Set(products.filter((p) => revoked.includes(p.key)).map((p) => p.resourceId));
  const roles = await acting.org.userRoleAssignments(user.accountId, acting.directoryId);
  const direct: PlannedAction[] = roles
    .filter((r) => r.via === 'direct' && resourceIds.has(r.resourceId))
    .map((r) => ({ kind: 'revoke-direct-role', resourceId: r.resourceId, roleId: r.roleId }));
  return [...stillApplies.filter((p) => p.kind !== 'revoke-direct-role'), ...direct];
}

function sameAction(a: PlannedAction, b: PlannedAction): boolean {
  if (a.kind !== b.kind) return false;
  if ('groupId' in a && 'groupId' in b) return a.groupId === b.groupId;
  if (a.kind === 'revoke-direct-role' && b.kind === 'revoke-direct-role') {
    return a.resourceId === b.resourceId && a.roleId === b.roleId;
  }
  return true;
}

function planDecision(item: RunItem, rule: Rule): Decision {
  return {
    accountId: item.accountId,
    ruleId: rule.id,
    outcome: 'selected',
    reasons: [],
    protections: [],
    exclusions: [],
    plannedActions: item.actions,
    explanation: item.message ?? `Selected by rule '${rule.name}' when the run was planned.`,
  };
}

function itemOf(decision: Decision, userName: string | null): RunItem {
  return {
    accountId: decision.accountId,
    userName,
    ruleId: decision.ruleId,
    actions: decision.plannedActions,
    state: 'pending',
    message: decision.explanation,
  };
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
