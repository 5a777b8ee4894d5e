/** A live run acts on its planned users in fixed batches: re-check, record, act, verify (see docs/engine.md). */
import { createHash } from 'node:crypto';
import type { Decision, PlannedAction } from '../../domain/decision';
import type { DirectoryUser, ProductInfo } from '../../domain/directory';
import { evaluateUser, type EvaluationContext } from '../../domain/evaluation';
import type { Rule } from '../../domain/rule';
import type { JobContext } from '../../jobs/types';
import type { RunItem, RunRecord } from '../../store/runStore';
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
import { actionGuardFor } from '../authority/actGuard';
import type { Services } from '../services';

/**
 * Users acted on together: one read each way for the whole batch (the bulk search takes 100 ids), one audit value
 * and one item-state value per batch. Batches are fixed slices of the run's items, so a retried step finds the
 * batch it recorded.
 */
export const BATCH_SIZE = 50;

/** What a step keeps for its last call to return in: a slow call never outlives the step. */
export const STEP_MARGIN_MS = 60_000;

/** The audit batch of one slice of a run's items: the same id however often the step runs. */
export function actBatchId(runId: string, batchNo: number): string {
  return `act-${createHash('sha256').update(runId).digest('hex').slice(0, 24)}-${batchNo}`;
}

/**
 * Acts on a batch of planned users with two reads for the whole batch: one to re-check everyone just before
 * acting (still in the directory, still selected, still not protected), one to verify after the changes. Every
 * change is recorded (one audit value for the batch) before the first call, and completed (one more write) after
 * the read-back. A batch an interrupted step recorded already is resumed with exactly the changes it recorded: the
 * run's own changes would make its users look different now.
 */
export async function actOnBatch(
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

export function itemOf(decision: Decision, userName: string | null): RunItem {
  return {
    accountId: decision.accountId,
    userName,
    ruleId: decision.ruleId,
    actions: decision.plannedActions,
    state: 'pending',
    message: decision.explanation,
  };
}

/** The context a step acts in: the connected org, and the audit fields of this run and rule. */
export async function actingContextFor(
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
      guard: await actionGuardFor(services, org),
    },
    requestsLeft: () => org.requestsLeft(),
    requestBudget: org.requestBudget,
  };
}
