/**
 * A run whose job failed or was cancelled can stop in the middle of a batch: its changes recorded `attempted`, some
 * or all of them made, none completed, the batch's items still pending. Settling reads the batch's users back once
 * and completes the batch as a finished step would have: each entry succeeded or failed with the state observed,
 * the items done, failed or skipped from those entries. Nothing is changed in the org.
 */
import { errorMessage } from '../../platform/errorMessage';
import type { JobContext } from '../../jobs/types';
import type { RunItem, RunRecord } from '../../store/runStore';
import type { Services } from '../services';
import { closeWarningsAfterActing } from '../warnings/warnings';
import { outcomeOf, verifyAttempts, type ActingContext, type UserOutcome } from './actOnUser';
import { actBatchId, BATCH_SIZE, STEP_MARGIN_MS } from './runBatch';

export type Settlement =
  | { kind: 'none' }
  | { kind: 'settled'; made: number; notMade: number }
  | { kind: 'unverified'; changes: number; error: string };

/** What a settled change the read-back shows not made records as its error. */
const NOT_MADE =
  'The run stopped before this change was confirmed, and reading the user back shows it not made.';

/**
 * Settles the batch the run stopped in, if any. Batches are acted on in order, one at a time, so only the first
 * batch with pending items can have recorded changes. Idempotent: a settled batch has no pending items left, and a
 * batch whose entries were completed before its items were stored only gets its items stored.
 *
 * A change the read-back shows made counts as this run's, as for a resumed batch (performAttempts): the call that
 * made it may have been this run's own, its answer lost with the invocation. If the read-back fails, the entries
 * stay `attempted` and the settlement says how many: a change is never recorded on a guess.
 */
export async function settleStoppedBatch(
  services: Services,
  run: RunRecord,
  ctx: JobContext,
): Promise<Settlement> {
  const stopped = await firstPendingBatch(services, run.id);
  if (!stopped) return { kind: 'none' };
  const batchId = actBatchId(run.id, stopped.batchNo);
  const recorded = await services.audit.getBatch(batchId);
  if (!recorded) return { kind: 'none' };
  const attempted = recorded.filter((entry) => entry.state === 'attempted');
  let acting: ActingContext;
  let final = recorded;
  try {
    acting = await readingContext(services, run, ctx);
    final = await verifyAttempts(acting, batchId, recorded, {
      errors: new Map(),
      found: new Set(),
      notMade: NOT_MADE,
    });
  } catch (err) {
    return { kind: 'unverified', changes: attempted.length, error: errorMessage(err) };
  }
  const outcomes = new Map<string, UserOutcome>(
    stopped.pending.map((item) => [item.accountId, outcomeOf(item.accountId, final)]),
  );
  await services.runs.setBatchStates(
    run.id,
    stopped.batchNo,
    stopped.pending.map((item) => ({
      accountId: item.accountId,
      ruleId: item.ruleId,
      ...outcomes.get(item.accountId)!,
    })),
  );
  const rule = await services.settings.getRule(run.ruleIds[0]!);
  if (rule?.warning) await closeWarningsAfterActing(services, acting, outcomes);
  const settledIds = new Set(attempted.map((entry) => entry.id));
  const settled = final.filter((entry) => settledIds.has(entry.id));
  const notMade = settled.filter((entry) => entry.state === 'failed').length;
  return { kind: 'settled', made: settled.length - notMade, notMade };
}

/** The run's message sentence about its stopped batch; empty when there was nothing to settle. */
export function settlementNote(settlement: Settlement): string {
  switch (settlement.kind) {
    case 'none':
      return '';
    case 'settled':
      return settlement.made + settlement.notMade === 0
        ? ''
        : ` It stopped during a batch: reading its users back showed ${settlement.made} change(s) made and ${settlement.notMade} not made, recorded as such.`;
    case 'unverified':
      return ` ${settlement.changes} change(s) of the batch it stopped in could not be verified (${settlement.error}); they stay 'attempted' in the audit log and are not counted or undone.`;
  }
}

async function firstPendingBatch(
  services: Services,
  runId: string,
): Promise<{ batchNo: number; pending: RunItem[] } | null> {
  if (!(await services.runs.hasItems(runId))) return null;
  const items: RunItem[] = [];
  for await (const chunk of services.runs.items(runId)) items.push(...chunk);
  const first = items.findIndex((item) => item.state === 'pending');
  if (first < 0) return null;
  const batchNo = Math.floor(first / BATCH_SIZE);
  const batch = items.slice(batchNo * BATCH_SIZE, (batchNo + 1) * BATCH_SIZE);
  return { batchNo, pending: batch.filter((item) => item.state === 'pending') };
}

/** Reads only: no guard, since settling makes no change. */
async function readingContext(services: Services, run: RunRecord, ctx: JobContext): Promise<ActingContext> {
  const deadline = ctx.now().getTime() + ctx.remainingMs() - STEP_MARGIN_MS;
  const org = await services.connectedOrg(deadline);
  return {
    org: org.client,
    directoryId: org.directoryId,
    audit: services.audit,
    runId: run.id,
    ruleId: run.ruleIds[0]!,
    actor: run.actor,
    now: () => ctx.now(),
  };
}
